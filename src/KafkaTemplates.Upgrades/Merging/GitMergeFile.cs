using System.Diagnostics;

namespace KafkaTemplates.Upgrades.Merging;

/// <summary>
/// A three-way text merge by <c>git merge-file</c>, the merge every developer already trusts. Conflicts are written
/// inline in diff3 style, so the base the two sides started from is visible between the markers.
/// </summary>
public static class GitMergeFile
{
    public sealed record Result(byte[] Content, int Conflicts);

    public static Result Merge(ReadOnlySpan<byte> ours, ReadOnlySpan<byte> @base, ReadOnlySpan<byte> theirs, MergeLabels labels)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kt-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var oursFile = Path.Combine(folder, "ours");
            var baseFile = Path.Combine(folder, "base");
            var theirsFile = Path.Combine(folder, "theirs");
            File.WriteAllBytes(oursFile, ours.ToArray());
            File.WriteAllBytes(baseFile, @base.ToArray());
            File.WriteAllBytes(theirsFile, theirs.ToArray());
            var info = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "merge-file", "-p", "--diff3", "-L", labels.Local, "-L", labels.Base, "-L", labels.Target, oursFile, baseFile, theirsFile })
                info.ArgumentList.Add(a);
            using var process = Process.Start(info) ?? throw new UpgradeException("cannot start git merge-file");
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            copy.Wait();
            // git merge-file exits with the number of conflicts, or a negative number on error.
            if (process.ExitCode < 0 || process.ExitCode > 127)
                throw new UpgradeException($"git merge-file failed: {error.Result.Trim()}");
            return new Result(output.ToArray(), process.ExitCode);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UpgradeException("git is not installed or not on PATH; upgrades merge with git merge-file", e);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
