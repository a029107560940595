namespace PharmacyPos.Domain.Staff;

/// <summary>
/// Wrong passwords are counted per account <em>and</em> client (a till's browser, an address, a
/// cashier's approval pop-up), not per account alone: a guesser who types five wrong passwords
/// for 店长 is held back — 30 s, then 1, 2, 4 … minutes, at most 15 — while the manager at their
/// own till signs in as usual. An account-wide lock (<see cref="StaffAccount.AccountLockFailures"/>)
/// is left for sustained guessing from many clients at once.
/// <para>
/// Attempts are admitted before the password is checked and counted as pending until their
/// outcome is known, so twenty parallel guesses get exactly <see cref="FreeFailures"/> checks.
/// One process's memory is enough: a restart forgets the delays, not the account-wide count.
/// </para>
/// </summary>
public sealed class SignInThrottle
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(15);
    /// <summary>Clients remembered at most; the stalest (never one with an attempt in flight) are forgotten first.</summary>
    public const int MaxClients = 20_000;

    private sealed class Slot
    {
        public int Failures;
        public int InFlight;
        public DateTimeOffset NotBefore;
        public DateTimeOffset LastSeen;
    }

    private readonly Dictionary<(string Account, string Client), Slot> _slots = [];
    private readonly Lock _gate = new();

    /// <summary>An admitted attempt; report its outcome exactly once.</summary>
    public readonly record struct Ticket(string Account, string Client);

    /// <returns>A ticket to check the password with, or the time before which this client may not try this account again.</returns>
    public (Ticket? Ticket, DateTimeOffset RetryAt) TryAdmit(string account, string client, DateTimeOffset now)
    {
        lock (_gate)
        {
            var key = (account, client);
            if (!_slots.TryGetValue(key, out var slot))
            {
                if (_slots.Count >= MaxClients) Forget(now);
                _slots[key] = slot = new Slot();
            }
            slot.LastSeen = now;
            if (now < slot.NotBefore) return (null, slot.NotBefore);
            // Past the free attempts, one at a time: each failure lengthens the wait before the next.
            var admitted = slot.Failures < FreeFailures ? slot.Failures + slot.InFlight < FreeFailures : slot.InFlight == 0;
            if (!admitted) return (null, now + FirstDelay);
            slot.InFlight++;
            return (new Ticket(account, client), now);
        }
    }

    public void Succeeded(Ticket ticket)
    {
        lock (_gate) _slots.Remove((ticket.Account, ticket.Client));
    }

    /// <returns>When this client may try again (now, while free attempts remain).</returns>
    public DateTimeOffset Failed(Ticket ticket, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue((ticket.Account, ticket.Client), out var slot)) return now;
            slot.InFlight = Math.Max(0, slot.InFlight - 1);
            slot.Failures++;
            if (slot.Failures >= FreeFailures) slot.NotBefore = now + DelayAfter(slot.Failures);
            return slot.NotBefore > now ? slot.NotBefore : now;
        }
    }

    /// <summary>The attempt ended without an answer (the database failed): it counts neither way.</summary>
    public void Abandoned(Ticket ticket)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue((ticket.Account, ticket.Client), out var slot)) slot.InFlight = Math.Max(0, slot.InFlight - 1);
        }
    }

    /// <summary>The wait after the n-th failure in a row: 30 s after the fifth, doubling, at most 15 minutes.</summary>
    public static TimeSpan DelayAfter(int failures)
    {
        if (failures < FreeFailures) return TimeSpan.Zero;
        var doublings = Math.Min(failures - FreeFailures, 10);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < LongestDelay ? delay : LongestDelay;
    }

    private void Forget(DateTimeOffset now)
    {
        var stale = _slots.Where(s => s.Value.InFlight == 0 && s.Value.NotBefore <= now).OrderBy(s => s.Value.LastSeen)
            .Take(Math.Max(1, _slots.Count / 4)).Select(s => s.Key).ToList();
        foreach (var key in stale) _slots.Remove(key);
    }
}
