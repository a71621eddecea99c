namespace KafkaTemplates.Portal.Scaffolding;

/// <summary>Bounds the dry runs rendered at once; the others wait their turn (or give up when the client leaves).</summary>
internal sealed class DryRunSlots(int count) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(count, count);

    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
