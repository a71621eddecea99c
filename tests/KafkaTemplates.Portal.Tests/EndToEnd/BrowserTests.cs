using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KafkaTemplates.Portal.Tests.EndToEnd;

/// <summary>
/// A person at the portal's page in headless Chromium: picks the template, sees a bad name refused as they type,
/// previews, creates, and downloads a zip that holds exactly what `kafka-templates new` writes for the same answers.
/// </summary>
public sealed class BrowserTests
{
    static BrowserTests() => SetDefaultExpectTimeout((float)Calls.Guard.TotalMilliseconds);

    [Fact]
    public async Task A_person_fills_the_form_previews_creates_and_downloads_the_repo_that_new_would_write()
    {
        await using var server = await PortalServer.StartAsync();
        using var downloads = new TempFolder("downloads");
        await using var browser = await Browser.LaunchAsync(downloads.Path);
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(server.Client.BaseAddress!.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Use Kafka cluster (KRaft) for a team" }).ClickAsync();

        // Fields by role and accessible name, as a screen reader finds them (the required marker is aria-hidden).
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true });
        await Expect(name).ToBeFocusedAsync(); // ui:autofocus
        await name.FillAsync("Payments_Kafka");
        await Expect(page.Locator("#field-name-error")).ToContainTextAsync("Name must match the pattern");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await name.FillAsync("payments-kafka");
        await Expect(page.Locator("#field-name-error")).ToBeEmptyAsync();
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "false");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Owner", Exact = true }).FillAsync("payments");
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Brokers", Exact = true }).FillAsync("5");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Controller layout", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dedicated controller quorum" });
        await page.GetByRole(AriaRole.Combobox, new() { Name = "CI", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "GitLab CI" });

        var expected = await Reference.NewCommandFilesAsync("hypertrace-kafka",
            ["name=payments-kafka", "owner=payments", "brokers=5", "controllerLayout=dedicated", "ci=gitlab"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#preview-summary")).ToHaveTextAsync($"{expected.Count} files would be created.");
        await page.Locator("#file-tree button[data-path='helm/values.yaml']").ClickAsync();
        await Expect(page.Locator("#file-title")).ToHaveTextAsync("helm/values.yaml");
        await Expect(page.Locator("#file-content")).ToContainTextAsync("controllerLayout: \"dedicated\"");
        await Expect(page.Locator("#file-content")).ToContainTextAsync("replicas: 5");
        await Expect(page.Locator("#diagnostics-summary")).ToHaveTextAsync("No problems found by the file checks.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download the repo (zip)" });
        await Expect(download).ToBeVisibleAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("The repo is ready.");
        await Expect(page.Locator("#run-log")).ToContainTextAsync("[fetch-base] beginning step 'Render the deployment repo' (fetch:template)");
        await Expect(page.Locator("#run-log")).ToContainTextAsync("Validation: no problems found");
        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var zipPath = downloads.Combine("downloaded.zip");
        await file.SaveAsAsync(zipPath);

        Assert.Equal("payments-kafka.zip", file.SuggestedFilename);
        var portal = Reference.ZipFiles(await File.ReadAllBytesAsync(zipPath), out var top);
        Assert.Equal("payments-kafka", top);
        Reference.AssertSame(expected, portal);
        Assert.Empty(problems);
    }
}
