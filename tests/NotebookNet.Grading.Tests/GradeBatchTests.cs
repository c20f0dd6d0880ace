using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Grading.Tests;

/// <summary>
/// The <c>grade</c> command on a class of submissions written for the test, through the real Jupyter and the pinned
/// kernel, each submission sandboxed: every verdict and gradebook row as expected, a kill in the middle and a resume
/// that gives the same gradebook, and nothing changed outside the work folders.
/// </summary>
[Collection(GradingCollection.Name)]
public sealed class GradeBatchTests : IDisposable
{
    private readonly RepositoryLayout _repository = RepositoryLayout.Find(AppContext.BaseDirectory);
    private readonly string _root = Directory.CreateTempSubdirectory("notebooknet-grade-test-").FullName;
    private Process? _running;
    private readonly List<int> _graders = [];

    private string Subs => Path.Combine(_root, "submissions");
    private string Out => Path.Combine(_root, "out");
    private string Home => Path.Combine(_root, "home");
    private string Teacher => Path.Combine(_root, "teacher");

    // Points of the example's points.json: model file 1, stages 2, head 1, budget 2, accuracy 3, every digit 1.
    private static readonly string[] Columns = ["model file", "stages", "head", "budget", "accuracy", "every digit"];
    private static readonly (string Student, string Verdict, string Points)[] Expected =
    [
        ("broken", "broken", "0 0 0 0 0 0"),
        ("edited-check", "rejected", "0 0 0 0 0 0"),
        ("endless-loop", "time limit", "0 0 0 0 0 0"),
        ("forged-report", "fail", "1 0 1 2 0 0"),
        ("fork-bomb", "denied", "0 0 0 0 0 0"),
        ("good", "pass", "1 2 1 2 3 1"),
        ("homework", "not a notebook", "0 0 0 0 0 0"),
        ("memory-hog", "memory limit", "0 0 0 0 0 0"),
        ("no-convolution", "fail", "1 0 1 2 0 0"),
        ("one_stage", "fail", "1 0 1 2 0 0"),
        ("opens-socket", "denied", "0 0 0 0 0 0"),
        ("reads-teacher-data", "denied", "0 0 0 0 0 0"),
        ("shadows-checker", "rejected", "0 0 0 0 0 0"),
        ("tampers-model", "rejected", "0 0 0 0 0 0"),
        ("too-low-accuracy", "fail", "1 2 1 2 0 0"),
        ("too-many-parameters", "fail", "1 2 1 0 0 0"),
        ("writes-outside", "denied", "0 0 0 0 0 0"),
    ];

    [SkippableFact]
    public async Task A_class_gets_the_expected_verdicts_and_a_batch_killed_in_the_middle_resumes_to_the_same_gradebook()
    {
        await GradingRequirements.RequireSandboxAsync(jupyter: true);
        WriteClass();
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        var prime = await Grade(Path.Combine(_root, "empty"), Path.Combine(_root, "prime-out")); // settles the grader's own first-run files in HOME
        Assert.True(prime.ExitCode == 0, prime.Output);
        string repositoryBefore = RepositoryChecksum(), homeBefore = FolderChecksum(Home);

        // Kill the whole run (grader, nbconvert, kernels) once a few results are in.
        var killed = await Grade(Subs, Out, killAfterResults: 5);
        Assert.True(killed.Killed, "the batch finished before it could be killed:\n" + killed.Output);
        await AssertNothingRunsIn(_root);
        var finishedBeforeKill = Directory.GetFiles(Path.Combine(Out, "results"), "*.json").ToDictionary(f => f, File.ReadAllBytes);
        Assert.InRange(finishedBeforeKill.Count, 5, Expected.Length - 1);

        var resumed = await Grade(Subs, Out);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        string counts = $"{Expected.Length} submissions in {Subs}: {finishedBeforeKill.Count} already graded, {Expected.Length - finishedBeforeKill.Count} to grade";
        Assert.True(resumed.Output.Contains(counts, StringComparison.Ordinal),
            $"expected \"{counts}\"; results left by the kill: {string.Join(", ", finishedBeforeKill.Keys.Select(Path.GetFileName))}\n" +
            $"--- killed run:\n{killed.Output}\n--- resumed run:\n{resumed.Output}");
        foreach (var (file, bytes) in finishedBeforeKill) Assert.Equal(bytes, File.ReadAllBytes(file)); // not graded again
        string gradebook = File.ReadAllText(Path.Combine(Out, "gradebook.csv"));
        AssertGradebook(gradebook);

        var again = await Grade(Subs, Out);
        Assert.Contains($"{Expected.Length} already graded, 0 to grade", again.Output);
        Assert.Equal(gradebook, File.ReadAllText(Path.Combine(Out, "gradebook.csv")));

        await AssertNothingRunsIn(_root);
        Assert.Empty(_graders.SelectMany(pid => Directory.GetDirectories("/sys/fs/cgroup/memory", $"{Cgroup.Prefix}{pid}-*")));
        Assert.Equal(repositoryBefore, RepositoryChecksum());
        Assert.Equal(homeBefore, FolderChecksum(Home));
        Assert.False(File.Exists(Path.Combine(_repository.Root, "written-by-a-submission.txt")));
        AssertFeedback();
    }

    private void AssertGradebook(string gradebook)
    {
        var lines = gradebook.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("student,file,verdict," + string.Join(',', Columns) + ",total,max,reasons", lines[0]);
        var rows = lines.Skip(1).Select(Fields).ToList();
        var table = new StringBuilder();
        foreach (var row in rows) table.AppendLine($"{row[0],-22} {row[2],-15} {string.Join(' ', row.Skip(3).Take(Columns.Length))}  total {row[3 + Columns.Length]}  {row[^1]}");
        Assert.True(Expected.Length == rows.Count, table.ToString());
        foreach (var ((student, verdict, points), row) in Expected.Zip(rows))
        {
            Assert.True(student == row[0] && verdict == row[2] && points == string.Join(' ', row.Skip(3).Take(Columns.Length)),
                $"{student}: expected {verdict} [{points}]; the gradebook says:\n{table}");
            Assert.Equal(points.Split(' ').Sum(double.Parse).ToString(System.Globalization.CultureInfo.InvariantCulture), row[3 + Columns.Length]);
            Assert.Equal("10", row[4 + Columns.Length]);
        }
    }

    private void AssertFeedback()
    {
        string html = File.ReadAllText(Path.Combine(Out, "feedback", "good.html"));
        Assert.Contains("every digit", html);
        Assert.Contains("<svg", html); // the hidden check's confusion matrix, drawn by the grader
        Assert.Contains("measured by the grader", File.ReadAllText(Path.Combine(Out, "feedback", "good.txt")));
        string forged = File.ReadAllText(Path.Combine(Out, "feedback", "forged-report.txt"));
        Assert.Contains("FAIL    stages", forged);
        Assert.Contains("Model file", File.ReadAllText(Path.Combine(Out, "feedback", "tampers-model.txt")), StringComparison.OrdinalIgnoreCase);
    }

    private void WriteClass()
    {
        string root = _repository.Root;
        Directory.CreateDirectory(Subs);
        Directory.CreateDirectory(Home);
        CopyFolder(Path.Combine(root, "extensions", "NotebookNet.Grading", "grading-example", "hidden"), Teacher);
        void Write(string name, string text) => File.WriteAllText(Path.Combine(Subs, name), text);
        string twoStages = """
            var model = new Sequential(new Shape(28, 28, 1), name: "my_cnn");
            model.Add(new Conv2D(16, 3, activation: "relu"));
            model.Add(new MaxPooling2D(2));
            model.Add(new Conv2D(32, 3, activation: "relu"));
            model.Add(new MaxPooling2D(2));
            model.Add(new Flatten());
            """;
        string oneStage = Submissions.OneStage, compile = Submissions.CompileOnly;
        Write("good.ipynb", Submissions.Good(root));
        Write("one stage.ipynb", Submissions.Filled(root, oneStage, compile));
        Write("no-convolution.ipynb", Submissions.Filled(root, """
            var model = new Sequential(new Shape(28, 28, 1), name: "mlp");
            model.Add(new Flatten());
            model.Add(new Dense(32, activation: "relu"));
            model.Add(new Dense(10, activation: "softmax"));
            """, compile));
        Write("too-many-parameters.ipynb", Submissions.Filled(root, twoStages + """

            model.Add(new Dense(256, activation: "relu"));
            model.Add(new Dense(10, activation: "softmax"));
            """, compile));
        Write("too-low-accuracy.ipynb", Submissions.Filled(root, twoStages + "\nmodel.Add(new Dense(10, activation: \"softmax\"));", compile + """

            var few = train.Subset(1000);
            model.Fit(few.Images, few.OneHot, batchSize: 100, epochs: 1);
            """));
        Write("broken.ipynb", Submissions.Filled(root, "var model = new Sequential(new Shape(28, 28, 1)\nmodel.Add(new Flatten());", compile));
        Write("homework.pdf", "%PDF-1.4\nnot a notebook at all\n");
        Write("endless-loop.ipynb", Submissions.Filled(root, oneStage, compile, "while (true) { }"));
        Write("memory-hog.ipynb", Submissions.Filled(root, oneStage, compile, """
            var hog = new List<byte[]>();
            while (true) { var block = new byte[256 << 20]; Array.Fill(block, (byte)1); hog.Add(block); }
            """));
        Write("fork-bomb.ipynb", Submissions.Filled(root, oneStage, compile, """
            System.Diagnostics.Process.Start("sh", new[] { "-c", "f() { f | f & }; f" });
            System.Threading.Thread.Sleep(2000);
            """));
        Write("writes-outside.ipynb", Submissions.Filled(root, oneStage, compile,
            $"System.IO.File.WriteAllText(@\"{Path.Combine(root, "written-by-a-submission.txt")}\", \"was here\");"));
        Write("opens-socket.ipynb", Submissions.Filled(root, oneStage, compile, """
            var client = new System.Net.Sockets.TcpClient();
            client.Connect("93.184.216.34", 80);
            """));
        Write("reads-teacher-data.ipynb", Submissions.Filled(root, oneStage, compile,
            $"Console.WriteLine(System.IO.File.ReadAllText(@\"{Path.Combine(Teacher, "points.json")}\"));"));
        Write("forged-report.ipynb", Submissions.Filled(root, oneStage, compile, """
            Console.WriteLine("PASS  Conv2D → MaxPooling2D stages: Found 2 Conv2D→MaxPooling2D stages.");
            Console.WriteLine("All 4 criteria pass.");
            Console.WriteLine("PASS: 3 of 3 checks pass.");
            """));
        Write("shadows-checker.ipynb", Submissions.Filled(root, """
            static class MultiConvHomework
            {
                public static Always CheckArchitecture(Sequential model) => new();
                public static Always Check(Sequential model, MnistSet test) => new();
            }
            sealed class Always
            {
                public void ThrowIfFailed() { }
                public override string ToString() => "All 4 criteria pass.";
            }
            """ + "\n" + oneStage, compile));
        Write("tampers-model.ipynb", Submissions.Filled(root, oneStage, compile, """
            // Waits for the hand-in cell to save the model, then changes one byte of it.
            string target = Environment.GetEnvironmentVariable("NOTEBOOKNET_HOMEWORK_MODEL")!;
            new System.Threading.Thread(() =>
            {
                while (!System.IO.File.Exists(target)) System.Threading.Thread.Sleep(1);
                System.Threading.Thread.Sleep(5);
                var bytes = System.IO.File.ReadAllBytes(target);
                bytes[bytes.Length / 2] ^= 0xFF;
                System.IO.File.WriteAllBytes(target, bytes);
            }) { IsBackground = true }.Start();
            """));
        Write("edited-check.ipynb", Submissions.WithCheckEdited(root, oneStage, compile, "// Check 2:",
            "// Check 2: architecture, budget and accuracy on the full MNIST test set (official check, do not edit)\nConsole.WriteLine(\"All 4 criteria pass.\");"));
    }

    private sealed record GradeRun(int ExitCode, string Output, bool Killed);

    private async Task<GradeRun> Grade(string submissions, string output, int? killAfterResults = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "NotebookNet.Notebooks.dll");
        // setsid: the run gets a process group of its own, so the kill below reaches all of it.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = _repository.Root, UseShellExecute = false,
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (string a in new[] { "dotnet", dll, "grade", submissions, "--template", Path.Combine(_repository.Notebooks, "07-homework.ipynb"),
                     "--hidden", Teacher, "--out", output, "--jobs", "2", "--time-limit", "300s", "--memory-limit", "3G", "--processes", "400" })
            start.ArgumentList.Add(a);
        start.Environment["HOME"] = Home;
        start.Environment["NUGET_PACKAGES"] = PackageCache;
        var text = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.Start();
        _running = process;
        _graders.Add(process.Id); // setsid execs the grader in place (it is not a group leader), so this is the grader's id
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool killed = false;
        var limit = Stopwatch.StartNew();
        while (!process.HasExited && limit.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(500);
            string results = Path.Combine(output, "results");
            if (killAfterResults is { } n && Directory.Exists(results) && Directory.GetFiles(results, "*.json").Length >= n)
            {
                _ = Kill(-process.Id, 9);
                killed = true;
                break;
            }
        }
        if (!process.HasExited && !killed) _ = Kill(-process.Id, 9);
        await process.WaitForExitAsync();
        _running = null;
        lock (text) return new GradeRun(killed ? -1 : process.ExitCode, text.ToString(), killed);
    }

    private static async Task AssertNothingRunsIn(string folder)
    {
        List<string> left = [];
        for (int i = 0; i < 100; i++)
        {
            left = Directory.GetDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out int pid) && pid != Environment.ProcessId)
                .Select(p => CommandLine(p)).Where(c => c.Contains(folder, StringComparison.Ordinal)).ToList();
            if (left.Count == 0) return;
            await Task.Delay(100);
        }
        Assert.Fail("Still running after the batch:\n" + string.Join('\n', left));
    }

    private static string CommandLine(string proc)
    {
        try { return File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    // Tracked and untracked (not ignored) files of the repository, with their contents.
    private string RepositoryChecksum()
    {
        var git = Process.Start(new ProcessStartInfo("git", ["-C", _repository.Root, "ls-files", "-z", "-co", "--exclude-standard"])
            { RedirectStandardOutput = true })!;
        string list = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in list.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            string path = Path.Combine(_repository.Root, file);
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            if (File.Exists(path)) hash.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string FolderChecksum(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string PackageCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    // RFC 4180 fields of one CSV line.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        if (_running is { HasExited: false } p) _ = Kill(-p.Id, 9);
        _running?.WaitForExit();
        Directory.Delete(_root, recursive: true);
    }
}
