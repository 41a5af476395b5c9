using System.Threading.Tasks;
using DaemonLint.Rules.Support;

namespace DaemonLint.Tests.Rules;

/// <summary>The per-thread sets the uniqueness checks rent: empty when rented, cleared when returned, never shared.</summary>
public sealed class StringSetsTests
{
    [Fact]
    public void ARentedSet_IsEmpty_AndDistinctFromTheOthersRented()
    {
        var a = StringSets.Rent();
        a.Add("x");
        var b = StringSets.Rent();
        Assert.NotSame(a, b);
        Assert.Empty(b);
        StringSets.Return(a);
        var again = StringSets.Rent();
        Assert.Same(a, again); // the returned set is handed out again, cleared
        Assert.Empty(again);
        Assert.True(again.Add("X") && again.Add("x")); // ordinal: case matters
        StringSets.Return(again);
        StringSets.Return(b);
        StringSets.Return(null);
    }

    [Fact]
    public void ALargeSet_IsNotKept()
    {
        var big = StringSets.Rent();
        for (var i = 0; i < 300; i++)
        {
            big.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        StringSets.Return(big);
        var next = StringSets.Rent();
        Assert.NotSame(big, next);
        StringSets.Return(next);
    }

    [Fact]
    public async Task EachThread_HasSetsOfItsOwn()
    {
        var mine = StringSets.Rent();
        StringSets.Return(mine);
        var theirs = await Task.Factory.StartNew(StringSets.Rent, TaskCreationOptions.LongRunning);
        Assert.NotSame(mine, theirs);
    }
}
