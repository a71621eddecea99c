using Microsoft.Playwright;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>
/// Debian's headless Chromium with a fresh profile, driven through Playwright's driver. No browser is downloaded:
/// a missing chromium fails the test with the way to install it.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly TempFolder _profile;

    private Browser(IPlaywright playwright, IBrowserContext context, TempFolder profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Browser> LaunchAsync(string downloadsFolder)
    {
        var chromium = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : Tool.TryFind("chromium")
            ?? throw new InvalidOperationException("chromium is not installed (Debian package chromium): run ./test.sh, which installs it before testing");
        var playwright = await Playwright.CreateAsync();
        var profile = new TempFolder("chromium");
        try
        {
            // A persistent context is Chromium with --user-data-dir, here a fresh folder for every test.
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = Flags,
                AcceptDownloads = true,
                DownloadsPath = downloadsFolder,
                Timeout = (float)Calls.Guard.TotalMilliseconds,
            });
            return new Browser(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            profile.Dispose();
            throw;
        }
    }

    public async Task<IPage> NewPageAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }
}
