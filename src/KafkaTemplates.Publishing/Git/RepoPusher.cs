using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Publishing.Hosts;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Publishing.Git;

/// <summary>The first commit of a new repo: who writes it, with which message, onto which branch.</summary>
public sealed record InitialCommit(string Branch, string Message, string AuthorName, string AuthorEmail)
{
    /// <summary>Backstage's defaults for publish:* (gitAuthorName, gitAuthorEmail, gitCommitMessage).</summary>
    public const string DefaultAuthorName = "Scaffolder";
    public const string DefaultAuthorEmail = "scaffolder@backstage.io";
    public const string DefaultMessage = "initial commit";
}

/// <summary>
/// Pushes a rendered file set as the first commit of a remote repo, through the one hardened <see cref="GitRunner"/>:
/// the files are written to a scratch folder (modes kept), committed, pushed by URL (never saved as a remote), and the
/// folder is deleted whatever happens. A remote that already holds the branch refuses the push and nothing changes.
/// </summary>
public static class RepoPusher
{
    public static async Task<string> PushInitialAsync(FileSet files, Uri remote, InitialCommit commit, GitCredentials? credentials,
        RetryPolicy retry, Action<string>? log, CancellationToken cancellationToken)
    {
        CheckRemote(remote);
        var scratch = Path.Combine(Path.GetTempPath(), "kafka-templates-publish-" + Guid.NewGuid().ToString("N"));
        var work = Path.Combine(scratch, "repo");
        try
        {
            Directory.CreateDirectory(scratch);
            AtomicDirectoryWriter.Write(files, work);
            await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "init", "--quiet", "--initial-branch=" + commit.Branch);
            await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "add", "--all");
            await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken,
                "-c", "user.name=" + commit.AuthorName, "-c", "user.email=" + commit.AuthorEmail, "-c", "commit.gpgSign=false",
                "commit", "--quiet", "--no-verify", "--message", commit.Message);
            var hash = (await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "rev-parse", "HEAD")).Trim();
            await PushAsync(work, remote, "HEAD:refs/heads/" + commit.Branch, credentials, retry, log, cancellationToken);
            return hash;
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    /// <summary>
    /// Clones one branch of a remote, shallow (its last commit only), into <paramref name="folder"/>, which must not
    /// exist yet. A host that is down is asked again, starting from an empty folder each time.
    /// </summary>
    public static async Task CloneAsync(Uri remote, string branch, string folder, GitCredentials? credentials, RetryPolicy retry,
        Action<string>? log, CancellationToken cancellationToken)
    {
        CheckRemote(remote);
        try
        {
            await HostRetry.RunAsync(HostName(remote), retry, () =>
                {
                    TryDelete(folder);
                    return GitAsync(null, GitRunner.NetworkTimeout, credentials, cancellationToken,
                        "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--branch", branch, "--", remote.AbsoluteUri, folder);
                },
                GitRemoteFailure.Classify, log, cancellationToken);
        }
        catch (GitCommandException e) when (GitRemoteFailure.IsAuthentication(e.Error))
        {
            throw new PublishException($"{Display(remote)} refused the token for a clone ({e.LastLine}); check that it may read this repository");
        }
        catch (GitCommandException e)
        {
            throw new PublishException($"cloning {Display(remote)} ({branch}) failed: {e.LastLine}");
        }
    }

    /// <summary>Commits every change of a working tree onto <c>commit.Branch</c> (created or reset at HEAD) and returns the commit's hash.</summary>
    public static async Task<string> CommitAllAsync(string work, InitialCommit commit, CancellationToken cancellationToken)
    {
        await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "checkout", "--quiet", "-B", commit.Branch);
        await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "add", "--all");
        await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken,
            "-c", "user.name=" + commit.AuthorName, "-c", "user.email=" + commit.AuthorEmail, "-c", "commit.gpgSign=false",
            "commit", "--quiet", "--no-verify", "--message", commit.Message);
        return (await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    /// <summary>
    /// The author email of the last commit of a remote branch, or null when the branch does not exist, so a caller
    /// about to replace the branch can see whether a person pushed to it.
    /// </summary>
    public static async Task<string?> BranchTipAuthorAsync(string work, Uri remote, string branch, GitCredentials? credentials,
        RetryPolicy retry, Action<string>? log, CancellationToken cancellationToken)
    {
        CheckRemote(remote);
        try
        {
            var refs = await HostRetry.RunAsync(HostName(remote), retry,
                () => GitAsync(work, GitRunner.NetworkTimeout, credentials, cancellationToken, "ls-remote", "--heads", "--", remote.AbsoluteUri, "refs/heads/" + branch),
                GitRemoteFailure.Classify, log, cancellationToken);
            if (refs.Trim().Length == 0) return null;
            await HostRetry.RunAsync(HostName(remote), retry,
                () => GitAsync(work, GitRunner.NetworkTimeout, credentials, cancellationToken, "fetch", "--quiet", "--no-tags", "--depth", "1", "--", remote.AbsoluteUri, "refs/heads/" + branch),
                GitRemoteFailure.Classify, log, cancellationToken);
            return (await GitAsync(work, GitRunner.LocalTimeout, null, cancellationToken, "log", "-1", "--format=%ae", "FETCH_HEAD")).Trim();
        }
        catch (GitCommandException e)
        {
            throw new PublishException($"reading the branch {branch} of {Display(remote)} failed: {e.LastLine}");
        }
    }

    /// <summary>Pushes a ref of a local repo to a remote by URL; a refusal (the branch moved, no rights) is not retried.</summary>
    public static async Task PushAsync(string repo, Uri remote, string refspec, GitCredentials? credentials, RetryPolicy retry,
        Action<string>? log, CancellationToken cancellationToken, bool force = false)
    {
        CheckRemote(remote);
        try
        {
            await HostRetry.RunAsync(HostName(remote), retry, () => GitAsync(repo, GitRunner.NetworkTimeout, credentials, cancellationToken,
                    ["push", "--quiet", "--no-verify", force ? "--force" : "--no-force", "--", remote.AbsoluteUri, refspec]),
                GitRemoteFailure.Classify, log, cancellationToken);
        }
        catch (GitCommandException e) when (GitRemoteFailure.IsRejected(e.Error))
        {
            throw new PublishException(force
                ? $"{Display(remote)} rejected the push of {refspec} ({e.LastLine}); check the branch's protection rules and hooks. Nothing was pushed"
                : $"{Display(remote)} refused the push of {refspec}: the branch already holds other commits ({e.LastLine}); nothing was pushed");
        }
        catch (GitCommandException e) when (GitRemoteFailure.IsAuthentication(e.Error))
        {
            throw new PublishException($"{Display(remote)} refused the token for a push ({e.LastLine}); check that it may write to this repository");
        }
        catch (GitCommandException e)
        {
            throw new PublishException($"pushing to {Display(remote)} failed: {e.LastLine}");
        }
    }

    /// <summary>True when the remote exists and has no branch or tag yet (created, nothing pushed).</summary>
    public static async Task<bool> IsEmptyAsync(Uri remote, GitCredentials? credentials, RetryPolicy retry, Action<string>? log, CancellationToken cancellationToken)
    {
        CheckRemote(remote);
        var refs = await HostRetry.RunAsync(HostName(remote), retry,
            () => GitAsync(null, GitRunner.NetworkTimeout, credentials, cancellationToken, "ls-remote", "--", remote.AbsoluteUri),
            GitRemoteFailure.Classify, log, cancellationToken);
        return refs.Trim().Length == 0;
    }

    internal static async Task<string> GitAsync(string? folder, TimeSpan timeout, GitCredentials? credentials, CancellationToken cancellationToken,
        params string[] args)
    {
        var (exitCode, output, error) = await GitRunner.RunAsync(folder, timeout, credentials, cancellationToken, args);
        if (exitCode != 0) throw new GitCommandException(args[0] == "-c" ? args.First(a => !a.Contains('=') && a != "-c") : args[0], exitCode, error);
        return output;
    }

    /// <summary>The remote as it may be printed: no user information, query or fragment.</summary>
    public static string Display(Uri remote) =>
        new UriBuilder(remote) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.AbsoluteUri;

    private static string HostName(Uri remote) => remote.IsDefaultPort ? remote.Host : $"{remote.Host}:{remote.Port}";

    private static void CheckRemote(Uri remote)
    {
        if (!remote.IsAbsoluteUri || remote.Scheme is not ("https" or "http"))
            throw new PublishException($"'{remote}' is not an http(s) git URL; publishing pushes over HTTP(S) with a token");
        if (remote.UserInfo.Length > 0)
            throw new PublishException($"the git URL {Display(remote)} carries a user name or password; give the token in the environment instead (see the README's publishing section)");
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A scratch copy left behind in the temp folder holds no secret; the push result matters more.
        }
    }
}
