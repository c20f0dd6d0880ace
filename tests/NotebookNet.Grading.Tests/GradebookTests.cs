namespace NotebookNet.Grading.Tests;

public sealed class GradebookTests
{
    private static SubmissionResult Result(string student, Verdict verdict, params (string Name, double Points, double Max)[] checks) =>
        new(student, student + ".ipynb", "00", verdict, verdict == Verdict.Pass ? [] : ["1 of 2 checks fail: stages, \"quoted\"."],
            checks.Select(c => new CheckGrade(c.Name, c.Points == c.Max ? CheckStatus.Pass : CheckStatus.Fail, c.Points, c.Max, "")).ToList(),
            [], "", [], null, 1, 0);

    [Fact]
    public void The_gradebook_has_a_row_per_student_sorted_a_column_per_check_and_the_total()
    {
        string csv = Gradebook.Format([Result("zoe", Verdict.Fail, ("stages", 0, 2), ("accuracy", 3, 3)), Result("adam", Verdict.Pass, ("stages", 2, 2), ("accuracy", 3, 3))],
            ["stages", "accuracy"]);

        Assert.Equal("""
            student,file,verdict,stages,accuracy,total,max,reasons
            adam,adam.ipynb,pass,2,3,5,5,
            zoe,zoe.ipynb,fail,0,3,3,5,"1 of 2 checks fail: stages, ""quoted""."

            """.ReplaceLineEndings(), csv.ReplaceLineEndings());
    }

    [Fact]
    public void Any_file_name_gets_a_safe_unique_student_name()
    {
        var folder = Directory.CreateTempSubdirectory("notebooknet-names-").FullName;
        try
        {
            foreach (string name in new[] { "Émile Zola.ipynb", "Émile Zola.txt", "a/b c.ipynb", "b_c.ipynb", "...ipynb" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
                File.WriteAllText(Path.Combine(folder, name), "{}");
            }

            var names = BatchGrader.Find(folder).Select(s => (s.Relative, s.Student)).ToList();

            Assert.Equal([("...ipynb", "submission"), ("a/b c.ipynb", "b_c"), ("b_c.ipynb", "b_c-2"), ("Émile Zola.ipynb", "mile_Zola"), ("Émile Zola.txt", "mile_Zola-2")], names);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1.5h", 5400)]
    [InlineData("42", 42)]
    public void Time_limits_read_as_a_teacher_writes_them(string text, double seconds) =>
        Assert.Equal(seconds, SandboxLimits.ParseTime(text, "--time-limit").TotalSeconds);

    [Fact]
    public void A_bad_limit_names_the_option_and_the_value()
    {
        var e = Assert.Throws<ArgumentException>(() => SandboxLimits.ParseBytes("lots", "--memory-limit"));
        Assert.Equal("--memory-limit takes a size of at least 64M such as 6G or 1500M; received 'lots'.", e.Message);
        Assert.Equal(6L << 30, SandboxLimits.ParseBytes("6G", "--memory-limit"));
    }

    [Fact]
    public void The_shipped_example_has_one_hidden_check_and_points_for_every_check()
    {
        string folder = Path.Combine(Notebooks.Execution.RepositoryLayout.Find(AppContext.BaseDirectory).Root,
            "extensions", "NotebookNet.Grading", "grading-example", "hidden");

        var teacher = TeacherChecks.Read(folder);

        Assert.Equal(["every digit"], teacher.Checks.Select(c => c.Name));
        Assert.Equal(10, new[] { "model file", "stages", "head", "budget", "accuracy", "every digit" }.Sum(teacher.PointsFor));
    }
}
