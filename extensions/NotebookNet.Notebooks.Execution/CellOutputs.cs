using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Notebooks.Execution;

/// <summary>
/// Turns the kernel events of one cell into the cell's saved outputs, as Jupyter would store them:
/// displays (updated in place by display id), return values, stdout/stderr, errors.
/// </summary>
internal sealed class CellOutputs(InteractiveDocumentElement cell)
{
    private readonly Dictionary<string, DisplayElement> _displays = [];

    public void Add(KernelEvent e)
    {
        lock (_displays)
        {
            switch (e)
            {
                case ReturnValueProduced r:
                    var returned = new ReturnValueElement { ExecutionOrder = cell.ExecutionOrder };
                    foreach (var (mime, value) in Data(r.FormattedValues)) returned.Data[mime] = value;
                    cell.Outputs.Add(returned);
                    break;
                case DisplayedValueProduced d:
                    var display = new DisplayElement(Data(d.FormattedValues));
                    if (d.ValueId is { } newId) _displays[newId] = display;
                    cell.Outputs.Add(display);
                    break;
                case DisplayedValueUpdated u when u.ValueId is { } updatedId && _displays.TryGetValue(updatedId, out var shown):
                    int index = cell.Outputs.IndexOf(shown);
                    var replaced = new DisplayElement(Data(u.FormattedValues));
                    _displays[updatedId] = replaced;
                    if (index >= 0) cell.Outputs[index] = replaced; else cell.Outputs.Add(replaced);
                    break;
                case StandardOutputValueProduced o:
                    cell.Outputs.Add(new TextElement(Text(o.FormattedValues), "stdout"));
                    break;
                case StandardErrorValueProduced o:
                    cell.Outputs.Add(new TextElement(Text(o.FormattedValues), "stderr"));
                    break;
                case ErrorProduced err:
                    cell.Outputs.Add(new ErrorElement("Error", err.Message, []));
                    break;
                case CommandFailed f when f.Command is Microsoft.DotNet.Interactive.Commands.SubmitCode:
                    cell.Outputs.Add(new ErrorElement(f.Exception?.GetType().Name ?? "Error", f.Message, []));
                    break;
            }
        }
    }

    private static Dictionary<string, object> Data(IReadOnlyCollection<FormattedValue> values) =>
        values.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value);

    private static string Text(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? values.FirstOrDefault()?.Value ?? "";
}
