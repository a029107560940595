using PharmacyPos.Channels;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Domain;

namespace PharmacyPos.Bench;

/// <summary>
/// The refund-query benchmark measures the database: its 社保编码 are 人员编号, and a window with no
/// orders asks the platform whether the text is a card's number. This platform knows no card, so that
/// question costs an in-process call, not a network round trip.
/// </summary>
internal sealed class NoCardsPlatform : IInsurancePlatform
{
    public Task<PersonLookup> FindPersonAsync(string certNo, CertificateType type, CancellationToken ct = default) =>
        Task.FromResult<PersonLookup>(new PersonLookup.Invalid("no such card"));

    public Task<ChannelOutcome> SettleAsync(InsuranceSettlement settlement, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<(bool? Balanced, string Detail)> ReconcileDayAsync(DateOnly day, Money total, Money accountPaid, int count, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task SignOutAsync(CancellationToken ct = default) => Task.CompletedTask;
}
