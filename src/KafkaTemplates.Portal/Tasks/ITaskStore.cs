using System.Text.Json.Nodes;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Where tasks, their events and created repos' archives live: SQLite in the data folder for one portal process
/// (the default), or PostgreSQL shared by several replicas. Both keep Backstage's model (a task row and an
/// append-only event list that ends with one completion event) and hold no secret.
/// <para>
/// Every unfinished task is claimed by one replica (<see cref="ReplicaId"/>) that renews its claim with
/// <see cref="Beat"/>. A task whose replica stopped beating is claimed by another through <see cref="ClaimOrphans"/>,
/// which hands each such task to exactly one caller, so exactly one replica ends it.
/// </para>
/// </summary>
internal interface ITaskStore : IDisposable
{
    /// <summary>The replica this store speaks for: the claim every task it creates or starts carries.</summary>
    string ReplicaId { get; }

    /// <summary>What the store is, for messages: a file path or a database URL with its password masked.</summary>
    string Description { get; }

    /// <summary>True when several portal processes may share the store: then created repos are kept in it as archives.</summary>
    bool IsShared { get; }

    /// <summary>Whether the store answers now, without waiting for it to come back: the readiness probe.</summary>
    bool Ping();

    TaskRecord Create(Guid id, string template, JsonObject spec, string? createdBy = null);

    /// <summary>Moves a task from open to processing; false when it is no longer open (cancelled while queued).</summary>
    bool TryStart(Guid id);

    TaskEventRecord AppendLog(Guid id, JsonObject body);

    /// <summary>
    /// Ends a task that has not ended yet: its final status, an optional event before the completion (the cancelled
    /// event), and the completion event. False, and nothing written, when the task had already ended (or, with
    /// <paramref name="onlyIfOpen"/>, had already started: a running task ends through its runner).
    /// </summary>
    bool Finish(Guid id, string status, JsonObject completion, (string Type, JsonObject Body)? before = null, bool onlyIfOpen = false);

    /// <summary>
    /// Opens a failed task again for a retry, claimed by this replica: status open, and a <c>recovered</c> event
    /// (Backstage's) that says from where it runs. False, and nothing written, when the task is no longer failed.
    /// </summary>
    bool Reopen(Guid id, JsonObject recovered);

    TaskRecord? Get(Guid id);

    /// <summary>One page of tasks, with the number that match; ties in creation time are broken by id.</summary>
    (IReadOnlyList<TaskRecord> Tasks, int Total) List(TaskQuery query);

    /// <summary>
    /// A task's events after an event id, in order. As in Backstage, the completion event is always included: the
    /// one of the latest run, when the task was retried.
    /// </summary>
    IReadOnlyList<TaskEventRecord> Events(Guid id, long? after = null);

    /// <summary>
    /// Renews this replica's claim on the unfinished tasks it still holds (queued or running here); returns how many.
    /// A task it claimed but no longer holds (its run ended without reaching the store) goes stale and is ended by
    /// <see cref="ClaimOrphans"/>, so none stays unfinished for ever.
    /// </summary>
    int Beat(IReadOnlyCollection<Guid> held);

    /// <summary>
    /// Claims the unfinished tasks whose last beat is older than <paramref name="staleBefore"/> (or that carry no
    /// claim), each for exactly one caller even when several replicas ask at once; oldest first. A shared store that
    /// found its database away after <paramref name="staleBefore"/> claims none: the other replicas could not beat
    /// either, and get a whole claim timeout with the database back before their silence counts.
    /// </summary>
    IReadOnlyList<(Guid Id, string Status)> ClaimOrphans(DateTimeOffset staleBefore);

    /// <summary>
    /// Asks the replica running a task to cancel it (a cancel request that reached another replica); false when the
    /// task is not running. The runner sees it at its next heartbeat through <see cref="ToStop"/>.
    /// </summary>
    bool RequestCancel(Guid id);

    /// <summary>
    /// Which of the tasks this replica holds it must stop: asked to cancel through another replica, or no longer its
    /// own (another replica took it for a dead one's and ended it, after this one lost the database too long), so a
    /// run that was ended elsewhere cannot go on to act outside its files.
    /// </summary>
    IReadOnlyList<Guid> ToStop(IReadOnlyCollection<Guid> held);

    /// <summary>Keeps a completed task's repo as a zip, readable by every replica.</summary>
    void SaveArchive(Guid id, byte[] zip);

    /// <summary>A completed task's repo as a zip, or null when none is kept (never made, or removed by age).</summary>
    byte[]? LoadArchive(Guid id);

    /// <summary>Removes the archives of tasks created before <paramref name="before"/>; returns how many.</summary>
    int RemoveArchives(DateTimeOffset before);

    /// <summary>
    /// The ASP.NET Core Data Protection key ring's elements (keys and revocations) as XML, oldest first: one ring every
    /// replica reads, so the sign-in cookie one replica issued is read by the others and survives restarts.
    /// </summary>
    IReadOnlyList<string> DataProtectionKeys();

    /// <summary>Adds one element to the key ring; elements are never changed, only added (the framework's own rule).</summary>
    void SaveDataProtectionKey(string? friendlyName, string xml);

    /// <summary>
    /// Runs <paramref name="work"/> while no other replica runs its own: replicas starting at once load (and, on an
    /// empty ring, create) the key ring one after the other, so they agree on one first key.
    /// </summary>
    void WithKeyRingLock(Action work);
}
