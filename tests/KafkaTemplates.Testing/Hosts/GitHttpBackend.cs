using System.Text;
using KafkaTemplates.Engine.Tools;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// Git's smart HTTP protocol, served by git itself: each request runs <c>git http-backend</c> as a CGI program
/// (through the product's one process runner) over the bare repos under <see cref="ProjectRoot"/>. Every request must
/// carry Basic authorization with <see cref="Token"/> as the password, as GitHub and GitLab take a token; pushes are
/// allowed for an authenticated user. Tests read the repos back with git.
/// </summary>
public sealed class GitHttpBackend(string projectRoot, string token)
{
    private readonly List<string> _requestLines = [];

    public string ProjectRoot { get; } = projectRoot;

    public string Token { get; } = token;

    /// <summary>Further tokens git accepts, such as a test's token with fewer API scopes.</summary>
    public ISet<string> OtherTokens { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Answer the next this many git requests with 503, as a host under maintenance does.</summary>
    public int UnavailableFor { get; set; }

    /// <summary>The method, path and query of every git request, to show that no token travelled in a URL.</summary>
    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (_requestLines) return [.. _requestLines];
        }
    }

    /// <summary>Creates an empty bare repo at <paramref name="relativePath"/> (such as <c>team/payments.git</c>).</summary>
    public async Task<string> CreateBareRepoAsync(string relativePath, string defaultBranch = "main")
    {
        var path = Path.Combine(ProjectRoot, relativePath);
        Directory.CreateDirectory(path);
        var result = await ProcessRunner.RunAsync("git", ["init", "--quiet", "--bare", "--initial-branch=" + defaultBranch, path], ProjectRoot);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git init --bare {path} failed\n{result}");
        return path;
    }

    public bool Exists(string relativePath) => Directory.Exists(Path.Combine(ProjectRoot, relativePath));

    /// <summary>Runs git in a bare repo on the server (ls-tree, show, log) and returns its output.</summary>
    public async Task<string> GitAsync(string relativePath, params string[] args)
    {
        var result = await ProcessRunner.RunAsync("git", args, Path.Combine(ProjectRoot, relativePath));
        if (result.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} in {relativePath} failed\n{result}");
        return result.StandardOutput;
    }

    /// <summary>Serves one request; <paramref name="pathInfo"/> is the repo path and service (<c>/team/x.git/info/refs</c>).</summary>
    public async Task HandleAsync(HttpContext context, string pathInfo)
    {
        var request = context.Request;
        lock (_requestLines) _requestLines.Add($"{request.Method} {pathInfo}{request.QueryString}");
        if (UnavailableFor > 0)
        {
            UnavailableFor--;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("git service temporarily unavailable\n");
            return;
        }
        if (AuthenticatedUser(request) is not { } user)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            await context.Response.WriteAsync("authentication required\n");
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_PROJECT_ROOT"] = ProjectRoot,
            ["GIT_HTTP_EXPORT_ALL"] = "1",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["PATH_INFO"] = pathInfo,
            ["REQUEST_METHOD"] = request.Method,
            ["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            ["CONTENT_TYPE"] = request.ContentType ?? "",
            ["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REMOTE_USER"] = user,
            ["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            ["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString(),
            ["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString(),
        };
        var (exitCode, output, error, _) = await ExternalTool.RunForBytesAsync("git", ["http-backend"], new ExternalToolOptions
        {
            Environment = environment,
            StandardInputBytes = body.ToArray(),
            Timeout = TimeSpan.FromMinutes(2),
        });
        if (exitCode != 0 && output.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("git http-backend failed: " + error);
            return;
        }
        await WriteCgiResponseAsync(context.Response, output);
    }

    private string? AuthenticatedUser(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        var password = colon > 0 ? decoded[(colon + 1)..] : null;
        return password is not null && (password == Token || OtherTokens.Contains(password)) ? decoded[..colon] : null;
    }

    /// <summary>A CGI answer is header lines (with <c>Status:</c>), a blank line, then the body.</summary>
    private static async Task WriteCgiResponseAsync(HttpResponse response, byte[] output)
    {
        var end = IndexOf(output, "\r\n\r\n"u8, out var separator);
        if (end < 0) end = IndexOf(output, "\n\n"u8, out separator);
        if (end < 0) throw new InvalidDataException("git http-backend wrote no header block");
        foreach (var line in Encoding.ASCII.GetString(output, 0, end).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase)) response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else response.Headers.Append(name, value);
        }
        await response.Body.WriteAsync(output.AsMemory(end + separator));
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern, out int length)
    {
        length = pattern.Length;
        return data.AsSpan().IndexOf(pattern);
    }
}
