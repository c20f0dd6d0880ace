using NotebookNet.Notebooks.Execution;

namespace NotebookNet.Interactive.Tests;

public sealed class RepositoryLayoutTests
{
    [Fact]
    public void The_repository_is_found_from_the_test_output_folder()
    {
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);

        Assert.True(File.Exists(Path.Combine(repository.Root, RepositoryLayout.MarkerFile)));
        Assert.Equal(Path.Combine(repository.Root, "artifacts", "feed"), repository.Feed);
        Assert.Contains(repository.PackedProjects, p => p.EndsWith("NotebookNet.Interactive.csproj", StringComparison.Ordinal));
        Assert.Equal(repository.ExtensionProject, repository.PackedProjects[^1]);
    }

    [Fact]
    public void A_folder_outside_the_repository_is_refused_with_its_path()
    {
        string outside = Directory.CreateTempSubdirectory("notebooknet-outside-").FullName;
        try
        {
            var e = Assert.Throws<DirectoryNotFoundException>(() => RepositoryLayout.Find(outside));
            Assert.Contains(outside, e.Message);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public void Notebooks_are_listed_in_name_order_with_solutions_last_and_filtered_by_name()
    {
        string root = Directory.CreateTempSubdirectory("notebooknet-repo-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, RepositoryLayout.MarkerFile), "");
            Directory.CreateDirectory(Path.Combine(root, "notebooks", "solutions"));
            foreach (string name in new[] { "notebooks/02-mlp.ipynb", "notebooks/01-perceptron.ipynb", "notebooks/solutions/02-mlp.ipynb", "notebooks/notes.md" })
                File.WriteAllText(Path.Combine(root, name), "{}");
            var repository = new RepositoryLayout(root);

            Assert.Equal(
                ["notebooks/01-perceptron.ipynb", "notebooks/02-mlp.ipynb", "notebooks/solutions/02-mlp.ipynb"],
                repository.FindNotebooks().Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')));
            Assert.Equal(2, repository.FindNotebooks("MLP").Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
