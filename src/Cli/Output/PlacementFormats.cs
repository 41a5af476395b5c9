using System.Collections.Generic;
using System.IO;
using DaemonLint.Placement;

namespace DaemonLint.Cli.Output;

/// <summary>What <c>daemonlint place</c> prints: the inventory and one result per DaemonSet.</summary>
/// <param name="Inventory">The node inventory.</param>
/// <param name="Results">The placements, in input order.</param>
public sealed record PlacementReport(NodeInventory Inventory, IReadOnlyList<PlacementResult> Results);

/// <summary>The output formats of <c>place</c>.</summary>
public static class PlacementFormats
{
    /// <summary>Whether a format name is known.</summary>
    /// <param name="format">The name.</param>
    /// <returns>True for text, json and html.</returns>
    public static bool IsKnown(string format) => format is "text" or "json" or "html";

    /// <summary>Writes a report.</summary>
    /// <param name="format">The format.</param>
    /// <param name="report">The report.</param>
    /// <param name="writer">The writer.</param>
    public static void Write(string format, PlacementReport report, TextWriter writer)
    {
        switch (format)
        {
            case "json":
                PlacementJson.Write(report, writer);
                break;
            case "html":
                PlacementHtml.Write(report, writer);
                break;
            default:
                PlacementText.Write(report, writer);
                break;
        }
    }

    /// <summary>A short label for a decision: <c>runs</c> or the reason.</summary>
    /// <param name="d">The decision.</param>
    /// <returns>The label.</returns>
    public static string Label(PlacementDecision d) => d.ShouldRun ? "runs" : d.Reason.ToString();
}
