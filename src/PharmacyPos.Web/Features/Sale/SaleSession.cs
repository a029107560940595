using PharmacyPos.Domain.Errors;
using SaleModel = PharmacyPos.Domain.Sales.Sale;

namespace PharmacyPos.Web.Features.Sale;

/// <summary>What one till holds between screens: the sale being entered and the line the cashier selected.
/// Scoped to the Blazor circuit, so going to 手机支付 and back keeps the sale.</summary>
public sealed class SaleSession
{
    public SaleModel Sale { get; } = new();

    public int SelectedIndex { get; private set; } = -1;

    public Notice? Notice { get; private set; }

    /// <summary>话术 A or B, shown after the step that calls for it until the next customer's first drug.</summary>
    public PharmacyPos.Domain.CashierScript? FollowUpScript { get; private set; }

    /// <summary>The last paid order, for 打印小票.</summary>
    public PharmacyPos.Domain.Orders.TradeNo? LastPaid { get; private set; }

    public event Action? Changed;

    public void Paid(PharmacyPos.Domain.Orders.TradeNo tradeNo, string message)
    {
        LastPaid = tradeNo;
        Say(Notice.Success(message));
    }

    public void Select(int index)
    {
        SelectedIndex = Sale.Lines.Count == 0 ? -1 : Math.Clamp(index, 0, Sale.Lines.Count - 1);
        Changed?.Invoke();
    }

    public void MoveSelection(int delta) => Select(SelectedIndex < 0 ? 0 : SelectedIndex + delta);

    public void Say(Notice notice)
    {
        Notice = notice;
        Changed?.Invoke();
    }

    public void Fail(PosError error) => Say(Notice.Error(error));

    /// <summary>The sale's paperwork changed outside the editor (F4's form): the status row shows what is recorded now.</summary>
    public void PaperworkChanged() => Changed?.Invoke();

    /// <summary>A status line belongs to the screen it was said on: another screen starts without it.</summary>
    public void ForgetNotice()
    {
        if (Notice is null) return;
        Notice = null;
        Changed?.Invoke();
    }

    public void ShowFollowUp(PharmacyPos.Domain.CashierScript script)
    {
        FollowUpScript = script;
        Changed?.Invoke();
    }

    /// <summary>The first drug of a new customer: the previous customer's script is done with.</summary>
    public void LineEntered(int index)
    {
        if (Sale.Lines.Count == 1)
        {
            FollowUpScript = null;
            LastPaid = null;
        }
        Select(index);
    }

    /// <summary>The sale is settled: the next customer starts on an empty screen.</summary>
    public void Clear()
    {
        Sale.Clear();
        SelectedIndex = -1;
        Changed?.Invoke();
    }
}

public sealed record Notice(NoticeKind Kind, string Text, string? Code = null)
{
    public static Notice Info(string text) => new(NoticeKind.Info, text);
    public static Notice Success(string text) => new(NoticeKind.Success, text);
    public static Notice Error(PosError error) => new(NoticeKind.Error, error.Message, error.Code);
}

public enum NoticeKind { Info, Success, Error }
