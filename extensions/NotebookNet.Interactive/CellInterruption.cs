using System.Runtime.InteropServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace NotebookNet.Interactive;

/// <summary>
/// Connects the front ends' "stop" buttons to the library's <see cref="Interruption"/>: every cell runs in its own
/// interruption scope, which the .NET Interactive <c>Cancel</c> command (Polyglot Notebooks) and Jupyter's Interrupt
/// (SIGUSR1 from the project's kernel launcher) both interrupt.
/// </summary>
/// <remarks>
/// <para>Jupyter interrupts by SIGINT, which stops the pinned kernel's host, so the kernelspec starts the kernel through
/// a launcher that keeps SIGINT away from it and sends SIGUSR1 instead. An unhandled SIGUSR1 would kill the process,
/// so the launcher signals only after this class has registered its handler and written the process id into the file
/// named by <see cref="InterruptFileVariable"/> (a kernel started without the launcher never gets the variable).</para>
/// <para>The interrupt reaches library code only: Fit stops at the next batch and returns an interrupted History, and
/// the next library call of the cell throws, which ends it. A cell busy in code of its own keeps running.</para>
/// </remarks>
internal static class CellInterruption
{
    /// <summary>Set by the launcher: where to write this process's id once SIGUSR1 is handled.</summary>
    public const string InterruptFileVariable = "NOTEBOOKNET_INTERRUPT_FILE";

    /// <summary>Set by the launcher: the folder Jupyter started the kernel in (the notebook's folder).</summary>
    public const string NotebookFolderVariable = "NOTEBOOKNET_NOTEBOOK_FOLDER";

    /// <summary>SIGUSR1 on Linux.</summary>
    private const int SigUsr1 = 10;

    private static readonly Lock Gate = new();
    private static readonly HashSet<Kernel> Wired = [];
    private static InterruptionScope? _running;
    private static PosixSignalRegistration? _signal;

    /// <summary>How many interrupt signals arrived (for diagnostics and tests).</summary>
    public static int SignalsReceived { get; private set; }

    /// <summary>Runs every command submitted to <paramref name="kernel"/> in a scope, once per kernel.</summary>
    public static void Install(Kernel kernel)
    {
        lock (Gate)
            if (!Wired.Add(kernel)) return;
        kernel.AddMiddleware(async (command, context, next) =>
        {
            if (command is not SubmitCode)
            {
                await next(command, context);
                return;
            }
            using var scope = Interruption.Begin(context.CancellationToken);
            var outer = Exchange(scope);
            try
            {
                await next(command, context);
            }
            finally
            {
                Exchange(outer);
            }
        });
    }

    /// <summary>
    /// When started by the launcher: makes the notebook's folder the current directory, handles SIGUSR1 by
    /// interrupting the running cell, then tells the launcher. Returns what it did, for the load message.
    /// </summary>
    public static string? ListenForJupyterInterrupt()
    {
        string? file = Environment.GetEnvironmentVariable(InterruptFileVariable);
        if (string.IsNullOrEmpty(file) || !OperatingSystem.IsLinux()) return null;
        if (Environment.GetEnvironmentVariable(NotebookFolderVariable) is { Length: > 0 } folder && Directory.Exists(folder))
            Directory.SetCurrentDirectory(folder);
        lock (Gate)
        {
            _signal ??= PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
            {
                context.Cancel = true;
                SignalsReceived++;
                InterruptRunningCell();
            });
        }
        string temporary = file + ".tmp";
        File.WriteAllText(temporary, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temporary, file, overwrite: true);   // the launcher never reads a half-written id
        return "Jupyter's Interrupt stops training";
    }

    /// <summary>Interrupts the running cell's library calls; nothing happens between cells.</summary>
    public static void InterruptRunningCell()
    {
        InterruptionScope? running;
        lock (Gate) running = _running;
        running?.Interrupt();
    }

    private static InterruptionScope? Exchange(InterruptionScope? scope)
    {
        lock (Gate)
        {
            var previous = _running;
            _running = scope;
            return previous;
        }
    }
}
