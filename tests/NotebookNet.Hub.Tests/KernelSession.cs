using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Hub.Tests;

/// <summary>What one cell did.</summary>
/// <param name="Ok">The kernel's execute_reply said "ok".</param>
/// <param name="Stdout">Everything the cell wrote to stdout.</param>
/// <param name="Error">The error's name, value and traceback, when not <paramref name="Ok"/>.</param>
/// <param name="Outputs">How many outputs (stream, display_data, execute_result, error) it published.</param>
/// <param name="Elapsed">From sending the request to the reply and the kernel's idle status.</param>
public sealed record CellResult(bool Ok, string Stdout, string? Error, int Outputs, TimeSpan Elapsed);

/// <summary>
/// A notebook session on a student's single-user server, as the notebook front end opens one: <c>POST /api/sessions</c>
/// (the server starts the kernel in the notebook's folder), then the kernel's websocket
/// (<c>/api/kernels/&lt;id&gt;/channels</c>, Jupyter messages as JSON) through the hub's proxy.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly HubClient _hub;
    private readonly string _user, _token, _sessionId, _clientSession = Guid.NewGuid().ToString("N");
    private readonly ClientWebSocket _socket;

    private KernelSession(HubClient hub, string user, string token, string sessionId, string kernelId, ClientWebSocket socket)
    {
        _hub = hub;
        _user = user;
        _token = token;
        _sessionId = sessionId;
        KernelId = kernelId;
        _socket = socket;
    }

    /// <summary>The kernel's id on the student's server.</summary>
    public string KernelId { get; }

    /// <summary>Opens <paramref name="notebookPath"/> (relative to the student's home) with kernelspec <paramref name="kernelName"/>.</summary>
    public static async Task<KernelSession> OpenAsync(HubClient hub, string user, string token, string notebookPath, string kernelName)
    {
        var body = new JsonObject
        {
            ["path"] = notebookPath,
            ["type"] = "notebook",
            ["name"] = "",
            ["kernel"] = new JsonObject { ["name"] = kernelName },
        };
        using var response = await hub.SendAsync(HttpMethod.Post, $"user/{user}/api/sessions", token, body);
        var session = await HubClient.JsonAsync(response, HttpStatusCode.Created, HttpStatusCode.OK);
        string kernelId = (string)session["kernel"]!["id"]!;
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"token {token}");
        var ws = new UriBuilder(new Uri(hub.BaseUrl, $"user/{user}/api/kernels/{kernelId}/channels")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(ws, CancellationToken.None);
        return new KernelSession(hub, user, token, (string)session["id"]!, kernelId, socket);
    }

    /// <summary>Runs <paramref name="code"/> and waits for its reply and for the kernel to go idle.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="timeout">How long the cell may take.</param>
    /// <param name="onMessage">Sees each message the kernel publishes for the cell (its type and content), as it arrives.</param>
    public async Task<CellResult> ExecuteAsync(string code, TimeSpan timeout, Action<string, JsonNode>? onMessage = null)
    {
        string id = Guid.NewGuid().ToString("N");
        var request = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["msg_id"] = id, ["msg_type"] = "execute_request", ["username"] = _user,
                ["session"] = _clientSession, ["version"] = "5.3", ["date"] = DateTime.UtcNow.ToString("O"),
            },
            ["parent_header"] = new JsonObject(),
            ["metadata"] = new JsonObject(),
            ["channel"] = "shell",
            ["content"] = new JsonObject
            {
                ["code"] = code, ["silent"] = false, ["store_history"] = true,
                ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false, ["stop_on_error"] = true,
            },
        };
        var clock = Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, limit.Token);

        var stdout = new StringBuilder();
        string? error = null, status = null;
        int outputs = 0;
        bool idle = false;
        while (status is null || !idle)
        {
            JsonNode message;
            try
            {
                message = await ReceiveAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"A cell of {_user}'s kernel did not finish within {timeout.TotalSeconds:0} s:\n{code}");
            }
            var content = message["content"]!;
            // The server restarts a kernel that died; the cell's request died with it and will never be answered.
            if ((string?)message["msg_type"] == "status" && (string?)content["execution_state"] is "restarting" or "dead")
                return new CellResult(false, stdout.ToString(), $"The kernel died while the cell ran ({content["execution_state"]}).", outputs, clock.Elapsed);
            if ((string?)message["parent_header"]?["msg_id"] != id) continue;
            onMessage?.Invoke((string)message["msg_type"]!, content);
            switch ((string?)message["msg_type"])
            {
                case "stream":
                    outputs++;
                    if ((string?)content["name"] == "stdout") stdout.Append((string?)content["text"]);
                    break;
                case "display_data" or "execute_result":
                    outputs++;
                    break;
                case "error":
                    outputs++;
                    error = $"{content["ename"]}: {content["evalue"]}\n{string.Join('\n', content["traceback"]?.AsArray().Select(t => (string?)t) ?? [])}";
                    break;
                case "status":
                    idle = (string?)content["execution_state"] == "idle";
                    break;
                case "execute_reply":
                    status = (string?)content["status"];
                    if (status != "ok") error ??= $"{content["ename"]}: {content["evalue"]}";
                    break;
            }
        }
        return new CellResult(status == "ok", stdout.ToString(), error, outputs, clock.Elapsed);
    }

    /// <summary>Interrupts the kernel as the notebook's Interrupt button does: <c>POST /api/kernels/&lt;id&gt;/interrupt</c>.</summary>
    public async Task InterruptAsync()
    {
        using var response = await _hub.SendAsync(HttpMethod.Post, $"user/{_user}/api/kernels/{KernelId}/interrupt", _token);
        await HubClient.Expect(response, HttpStatusCode.NoContent);
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var part = await _socket.ReceiveAsync(buffer, cancel);
            if (part.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"{_user}'s kernel websocket closed: {part.CloseStatus} {part.CloseStatusDescription}");
            message.Write(buffer, 0, part.Count);
            if (part.EndOfMessage) break;
        }
        return JsonNode.Parse(message.ToArray()) ?? throw new InvalidOperationException("An empty kernel message.");
    }

    /// <summary>Closes the websocket and deletes the session, which shuts the kernel down.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server went first.
        }
        _socket.Dispose();
        using var response = await _hub.SendAsync(HttpMethod.Delete, $"user/{_user}/api/sessions/{_sessionId}", _token);
        await HubClient.Expect(response, HttpStatusCode.NoContent, HttpStatusCode.NotFound);
    }
}
