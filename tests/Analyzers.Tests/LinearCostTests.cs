using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Issue 14: the front end indexed the whole method body once per creation (6,000 DaemonSets in one method: minutes).
/// The cost is pinned by counting work, not by timing it: each operation of the method is indexed once, and each
/// reference to a local is examined a bounded number of times, however many creations share the locals.
/// </summary>
public sealed class LinearCostTests
{
    [Fact]
    public void ThousandsOfCreationsInOneMethod_IndexTheMethodOnce()
    {
        const int Count = 3000;
        var compilation = KubernetesCompilation.Compile(ManyCreations.Source(Count));
        var analyzer = new DaemonSetAnalyzer();

        var (errors, findings) = KubernetesCompilation.Analyze(compilation, analyzer);

        Assert.Empty(errors);
        var finding = Assert.Single(findings);
        Assert.Equal("DS1009", finding.Id); // the last DaemonSet's OnFailure: every creation was analysed

        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var body = compilation.GetSemanticModel(tree).GetOperation(method)!;
        var operations = body.DescendantsAndSelf().Count();
        var localReferences = body.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Count();

        Assert.Equal(operations, analyzer.Work.IndexedOperations);
        Assert.InRange(analyzer.Work.ReferencesExamined, Count, 3L * localReferences);
    }
}
