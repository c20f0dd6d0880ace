using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Hub.Tests;

/// <summary>
/// The JupyterHub REST API (<c>/hub/api</c>) and, through the hub's proxy, each student's single-user server
/// (<c>/user/&lt;name&gt;/api</c>), as a script or a front end uses them: with a token in the Authorization header.
/// </summary>
public sealed class HubClient(Uri baseUrl) : IDisposable
{
    // No redirects: a page that is not allowed redirects to the login page, which would answer 200.
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>The hub's public URL.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>Waits until <c>/hub/api</c> answers; fails early when <paramref name="hub"/> exits.</summary>
    public async Task WaitUntilUpAsync(Process hub, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (hub.HasExited) throw new InvalidOperationException($"jupyterhub exited with code {hub.ExitCode}.");
            try
            {
                using var response = await _http.GetAsync("hub/api");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"/hub/api did not answer within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>
    /// Logs <paramref name="user"/> in through the REST API: the hub's authenticator checks the name and password,
    /// and the hub returns a new API token for the user.
    /// </summary>
    public async Task<string> LoginAsync(string user, string password)
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject { ["username"] = user, ["password"] = password },
            ["note"] = "hub end-to-end test",
        };
        using var response = await SendAsync(HttpMethod.Post, $"hub/api/users/{user}/tokens", null, body);
        return (string)(await JsonAsync(response, HttpStatusCode.OK, HttpStatusCode.Created))["token"]!;
    }

    /// <summary>
    /// Logs <paramref name="user"/> in through the login form, as a browser does (with the form's XSRF cookie as a
    /// field when the hub sets one: JupyterHub 4 does, 3 does not), and returns a client that carries the session
    /// cookie: the hub's HTML pages take no API token.
    /// </summary>
    public async Task<HttpClient> BrowserLoginAsync(string user, string password)
    {
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = BaseUrl,
        };
        using (var form = await browser.GetAsync("hub/login")) await Expect(form, HttpStatusCode.OK);
        var fields = new Dictionary<string, string> { ["username"] = user, ["password"] = password };
        if (cookies.GetCookies(BaseUrl)["_xsrf"]?.Value is { } xsrf) fields["_xsrf"] = xsrf;
        using var login = await browser.PostAsync("hub/login", new FormUrlEncodedContent(fields));
        await Expect(login, HttpStatusCode.Found);
        return browser;
    }

    /// <summary>Asks the hub to start <paramref name="user"/>'s server and waits until the hub reports it ready.</summary>
    public async Task StartServerAsync(string user, string token, TimeSpan timeout)
    {
        using (var response = await SendAsync(HttpMethod.Post, $"hub/api/users/{user}/server", token))
            await Expect(response, HttpStatusCode.Created, HttpStatusCode.Accepted);
        await WaitForServerAsync(user, token, ready: true, timeout);
    }

    /// <summary>Asks the hub to stop <paramref name="user"/>'s server and waits until it is gone.</summary>
    public async Task StopServerAsync(string user, string token, TimeSpan timeout)
    {
        using (var response = await SendAsync(HttpMethod.Delete, $"hub/api/users/{user}/server", token))
            await Expect(response, HttpStatusCode.NoContent, HttpStatusCode.Accepted);
        await WaitForServerAsync(user, token, ready: false, timeout);
    }

    private async Task WaitForServerAsync(string user, string token, bool ready, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, $"hub/api/users/{user}", token);
            var model = await JsonAsync(response, HttpStatusCode.OK);
            var server = model["servers"]?[""];
            bool isReady = server is not null && (bool?)server["ready"] == true && server["pending"] is null;
            if (ready ? isReady : server is null) return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{user}'s server was not {(ready ? "ready" : "stopped")} after {timeout.TotalSeconds:0} s: {model.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    /// <summary>GET, PUT, POST or DELETE <paramref name="path"/> (relative to the hub's URL) with a token.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return _http.SendAsync(request);
    }

    /// <summary>The JSON body of <paramref name="response"/>, after checking its status.</summary>
    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        await Expect(response, expected);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())
               ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} returned no JSON.");
    }

    /// <summary>Throws with the body when <paramref name="response"/>'s status is not one of <paramref name="expected"/>.</summary>
    public static async Task Expect(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode)) return;
        string body = await response.Content.ReadAsStringAsync();
        throw new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned {(int)response.StatusCode} " +
            $"(expected {string.Join(" or ", expected.Select(s => (int)s))}): {body[..Math.Min(body.Length, 500)]}");
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
