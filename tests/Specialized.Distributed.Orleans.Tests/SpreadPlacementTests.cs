using System.Net;
using Orleans.Runtime;
using Specialized.Distributed.Orleans;

namespace Specialized.Distributed.Orleans.Tests;

/// <summary>
/// The placement rule without a cluster: member i's attempt a goes to silo (i + a − 1) mod n among the candidates, and a
/// retry never goes back to a silo that failed the member or that the placing silo's view no longer sees as active.
/// </summary>
public sealed class SpreadPlacementTests
{
    private static readonly SiloAddress[] Silos = [.. new[] { 11111, 11112, 11113 }.Select(port => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 7))];

    [Fact]
    public void An_attempt_key_round_trips_with_and_without_failed_silos()
    {
        var first = new AttemptKey("run", 4, 1, []);
        Assert.Equal("run/4/1", first.ToString());
        var retry = new AttemptKey("run", 4, 2, [Silos[1].ToString(), Silos[2].ToString()]);
        Assert.True(AttemptKey.TryParse(retry.ToString(), out AttemptKey parsed));
        Assert.Equal((4, 2), (parsed.Index, parsed.Attempt));
        Assert.Equal([Silos[1].ToString(), Silos[2].ToString()], parsed.FailedSilos);
        Assert.False(AttemptKey.TryParse("some-other-key", out _));
    }

    [Fact]
    public void A_retry_is_never_dealt_to_the_silo_that_failed_the_member_even_while_it_is_listed_active()
    {
        // Member 0 ran on silo 0 and lost it; the placing silo still sees all three as active. Without the exclusion
        // the turn (0 + 2 − 1) mod 3 = 1 is fine, but member 2's retry, turn 3 mod 3 = 0, would land on the dead silo.
        for (int index = 0; index < 6; index++)
        {
            string key = new AttemptKey("run", index, 2, [Silos[0].ToString()]).ToString();
            SiloAddress[] candidates = SpreadPlacementDirector.Candidates(Silos, key, _ => SiloStatus.Active);
            Assert.DoesNotContain(Silos[0], candidates);
            Assert.Equal(2, candidates.Length);
        }
    }

    [Fact]
    public void Silos_the_view_sees_stopping_or_dead_are_skipped_and_every_silo_failing_falls_back_to_the_active_ones()
    {
        SiloStatus Status(SiloAddress silo) => silo == Silos[2] ? SiloStatus.ShuttingDown : SiloStatus.Active;
        Assert.Equal([Silos[0], Silos[1]], SpreadPlacementDirector.Candidates(Silos, "run/5/1", Status));
        string everyActiveFailed = new AttemptKey("run", 5, 3, [Silos[0].ToString(), Silos[1].ToString()]).ToString();
        Assert.Equal([Silos[0], Silos[1]], SpreadPlacementDirector.Candidates(Silos, everyActiveFailed, Status));
    }

    [Fact]
    public void Members_are_dealt_in_turn_and_each_retry_moves_to_the_next_silo()
    {
        Assert.Equal([0u, 1u, 2u, 3u], Enumerable.Range(0, 4).Select(i => SpreadPlacementDirector.Turn(new AttemptKey("run", i, 1, []).ToString())));
        Assert.Equal(5u, SpreadPlacementDirector.Turn(new AttemptKey("run", 4, 2, [Silos[1].ToString()]).ToString()));
    }
}
