namespace PharmacyPos.Domain.Stores;

/// <summary>A pharmacy of the chain. Its number is the 4 digits inside every 交易号 it issues, so 交易号s are unique across the chain.</summary>
public sealed class Store
{
    private Store() { }

    public int Id { get; private set; }
    public int No { get; private set; }
    public string Name { get; private set; } = "";

    public static Store Open(int id, int no, string name)
    {
        if (no is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(no), "门店编号应为 1–9999。");
        return new Store { Id = id, No = no, Name = name };
    }
}

/// <summary>A till of one store. Its number is the 2 digits after the store's in the 交易号.</summary>
public sealed class Terminal
{
    private Terminal() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public int No { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset? LastSignIn { get; private set; }

    public static Terminal Register(int storeId, int no, string name)
    {
        if (no is < 1 or > 99) throw new ArgumentOutOfRangeException(nameof(no), "终端编号应为 1–99。");
        return new Terminal { StoreId = storeId, No = no, Name = name };
    }

    public void SignedIn(DateTimeOffset now) => LastSignIn = now;
}
