namespace PharmacyPos.Domain.Staff;

/// <summary>Who is doing something: a signed-in member of staff, or the system itself (recovery, the daily reconciliation).</summary>
public sealed record Actor(string UserName, string DisplayName, StaffRole? Role)
{
    public static readonly Actor System = new("system", "系统", null);

    public bool IsStaff => Role is not null;

    public bool May(Permission permission) => Role is { } role && role.Allows(permission);

    public static Actor For(StaffAccount account) => new(account.UserName, account.DisplayName, account.Role);

    public override string ToString() => Role is { } r ? $"{DisplayName}({UserName}, {r.ToChinese()})" : DisplayName;
}

/// <summary>
/// The member of staff a unit of work runs for: set once per request or per till session by the
/// web app; left as <see cref="Actor.System"/> for background work. The audit log reads it.
/// </summary>
public sealed class StaffOnDuty(int storeId, string terminal)
{
    public int StoreId { get; } = storeId;

    /// <summary>The till this runs at, e.g. T0001-01.</summary>
    public string Terminal { get; } = terminal;

    public Actor Current { get; private set; } = Actor.System;

    public void Set(Actor actor) => Current = actor;
}
