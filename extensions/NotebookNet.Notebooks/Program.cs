using System.Diagnostics;
using NotebookNet.Notebooks;
using NotebookNet.Notebooks.Execution;

// The README's first command: everything needed to execute (or serve) the lecture notebooks from a fresh clone.
if (args is ["grade", .. var gradeArgs]) return await GradeCommand.RunAsync(gradeArgs);

RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.Command == RunnerCommand.Help)
{
    Console.WriteLine(RunnerOptions.Usage);
    return 0;
}

var repository = RepositoryLayout.Find(Environment.CurrentDirectory);
if (options.Command == RunnerCommand.CheckHomework) return await HomeworkCheck.RunAsync(options.HomeworkNotebook!, repository);
var setup = NotebookSetup.Default(repository);
switch (options.Command)
{
    case RunnerCommand.UninstallKernel:
        return await FrontEndCommands.UninstallKernelAsync(options.KernelTarget);
    case RunnerCommand.Doctor:
        return await FrontEndCommands.DoctorAsync(setup with { FeedFolder = options.Feed ?? setup.FeedFolder }, options.KernelTarget);
    case RunnerCommand.InstallKernel when options.Feed is not null:
        return await FrontEndCommands.InstallKernelAsync(setup with { FeedFolder = options.Feed }, options.KernelTarget);
}
string? whyNoJupyter = await JupyterTools.WhyUnavailableAsync();
if (whyNoJupyter is not null && !options.InProcess && JupyterTools.CanInstall)
{
    // A fresh machine where we are root (a container, CI): install the Debian packages instead of asking.
    Console.WriteLine($"Jupyter is not available ({whyNoJupyter}); installing it: {JupyterTools.RootInstallCommand}");
    if (await JupyterTools.InstallAsync(Console.WriteLine)) whyNoJupyter = await JupyterTools.WhyUnavailableAsync();
}
bool useJupyter = whyNoJupyter is null && !options.InProcess;
if (whyNoJupyter is not null)
{
    Console.WriteLine($"Jupyter is not available: {whyNoJupyter}");
    Console.WriteLine($"Install it with:  {JupyterTools.InstallCommand}");
    if (options.Command is RunnerCommand.Serve or RunnerCommand.InstallKernel) return 2;
    Console.WriteLine("Running the notebooks in-process instead (C# cells only, no HTML export).");
}

Console.WriteLine("Building and packing NotebookNet into artifacts/feed ...");
string version;
try
{
    version = await setup.PrepareAsync();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
Console.WriteLine($"Packed NotebookNet {version}; kernelspec '{KernelSpec.Name}' written to artifacts/jupyter.");

switch (options.Command)
{
    case RunnerCommand.Serve:
        return await Serve(repository);
    case RunnerCommand.InstallKernel:
        return await FrontEndCommands.InstallKernelAsync(setup, options.KernelTarget);
}

var notebooks = repository.FindNotebooks(options.Only);
if (notebooks.Count == 0)
{
    Console.Error.WriteLine(options.Only is null
        ? $"No notebooks found in {repository.Notebooks}."
        : $"No notebook in {repository.Notebooks} has '{options.Only}' in its name.");
    return 2;
}

var runs = new List<NotebookRun>();
foreach (string notebook in notebooks)
{
    string relative = Path.GetRelativePath(repository.Root, notebook);
    if (HomeworkNotebook.IsTemplate(notebook))
    {
        // Its TODO cells are the student's part, so it cannot pass as written; its solution runs (and is checked) instead.
        Console.WriteLine($"Skipping {relative}: a homework template (cells tagged \"{HomeworkNotebook.CheckTag}\"); check a filled-in copy with check-homework.");
        continue;
    }
    Console.WriteLine($"Running {relative} ...");
    string output = Path.GetDirectoryName(Path.GetRelativePath(repository.Notebooks, notebook)) is { Length: > 0 } sub
        ? Path.Combine(repository.ExecutedNotebooks, sub)
        : repository.ExecutedNotebooks;
    var run = await Runner()(notebook, output);
    runs.Add(run);
    if (!run.Passed) Console.WriteLine($"  {relative} failed:\n{Indent(run.Message)}");
}
Console.WriteLine();
Console.WriteLine(ResultTable.Format(runs));
Console.WriteLine($"Executed notebooks{(useJupyter ? " and HTML" : "")}: {Path.GetRelativePath(repository.Root, repository.ExecutedNotebooks)}/");
return runs.All(r => r.Passed) ? 0 : 1;

Func<string, string, Task<NotebookRun>> Runner(bool allowErrors = false) => useJupyter
    ? (notebook, output) => (JupyterNotebookRunner.ForKernelSpec(setup.JupyterPath) with { AllowErrors = allowErrors }).RunAsync(notebook, output)
    : (notebook, output) => new EmbeddedNotebookRunner(setup.FeedFolder, TimeSpan.FromMinutes(10)).RunAsync(notebook, output);

async Task<int> Serve(RepositoryLayout repo)
{
    Directory.CreateDirectory(repo.Notebooks);
    var start = new ProcessStartInfo("jupyter") { UseShellExecute = false, WorkingDirectory = repo.Notebooks };
    foreach (string a in new[] { "notebook", "--ip=127.0.0.1", "--no-browser", $"--notebook-dir={repo.Notebooks}" })
        start.ArgumentList.Add(a);
    if (Environment.UserName == "root") start.ArgumentList.Add("--allow-root"); // containers and CI machines run as root
    start.Environment["JUPYTER_PATH"] = setup.JupyterPath;
    foreach (var (name, value) in DotnetEnvironment.Quiet) start.Environment[name] = value;
    Console.WriteLine("Starting Jupyter on 127.0.0.1 (open the URL with the token below; Ctrl+C stops it) ...");
    using var jupyter = Process.Start(start)!;
    await jupyter.WaitForExitAsync();
    return jupyter.ExitCode;
}

static string Indent(string? text) => string.Join('\n', (text ?? "").Split('\n').Select(l => "    " + l));
