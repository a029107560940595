using System.Globalization;

namespace PharmacyPos.Data.Backup;

/// <summary>
/// Which backups to keep: the newest of each of the last <c>keepDaily</c> Beijing days that have one,
/// and the newest of each of the last <c>keepWeekly</c> ISO weeks; the newest of all always. The rest go.
/// </summary>
public static class BackupRetention
{
    public static IReadOnlyList<T> Expired<T>(IEnumerable<(T Item, DateTimeOffset At)> backups, int keepDaily, int keepWeekly)
    {
        var newestFirst = backups.OrderByDescending(b => b.At).ToList();
        var keep = new HashSet<int>();
        if (newestFirst.Count > 0) keep.Add(0);
        Keep(newestFirst, keep, b => Domain.BeijingTime.DayOf(b.At).DayNumber, keepDaily);
        Keep(newestFirst, keep, b =>
        {
            var day = Domain.BeijingTime.DayOf(b.At).ToDateTime(TimeOnly.MinValue);
            return ISOWeek.GetYear(day) * 100 + ISOWeek.GetWeekOfYear(day);
        }, keepWeekly);
        return [.. newestFirst.Where((_, i) => !keep.Contains(i)).Select(b => b.Item)];
    }

    private static void Keep<T>(List<(T Item, DateTimeOffset At)> newestFirst, HashSet<int> keep, Func<(T Item, DateTimeOffset At), int> period, int count)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < newestFirst.Count && seen.Count <= count; i++)
            if (seen.Add(period(newestFirst[i])) && seen.Count <= count) keep.Add(i);
    }
}
