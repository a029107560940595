using PharmacyPos.Channels;

namespace PharmacyPos.Checkout.Mobile;

/// <summary>
/// A channel's answer as the journal keeps it: in Chinese, since the 订单查询 page shows the
/// journal to a manager; the channel's own words stay in brackets for the engineer.
/// </summary>
internal static class JournalText
{
    public static string Of(ChannelOutcome outcome) => outcome switch
    {
        ChannelOutcome.WaitingForBuyer => "等待顾客在手机上确认",
        ChannelOutcome.Unknown u => $"结果未知（{u.Reason}）",
        ChannelOutcome.Withdrawing w => $"结果未知，撤回（冲正）（{w.Reason}）",
        ChannelOutcome.Failed f => $"失败（{f.Detail}）",
        ChannelOutcome.Paid p => $"已支付 {p.Amount}",
        _ => outcome.GetType().Name,
    };

    public static string Of(CancelOutcome outcome) => outcome switch
    {
        CancelOutcome.Cancelled c => c.MoneyReturned ? "已撤销，款项已退回" : "已撤销",
        CancelOutcome.Retry r => $"渠道要求重试（{r.Reason}）",
        CancelOutcome.Failed f => $"撤销失败（{f.Detail}）",
        CancelOutcome.Unknown u => $"结果未知（{u.Reason}）",
        _ => outcome.GetType().Name,
    };
}
