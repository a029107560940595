using System.Globalization;
using System.Security.Cryptography;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;

namespace PharmacyPos.Sandbox.Model;

public enum CodeStatus { Valid, Unknown, Used, Expired }

public enum PayStatus { Accepted, AlreadyPaid, Closed, CodeInvalid, CodeExpired, BalanceNotEnough, NotBound }

public enum RefundStatus { Refunded, AlreadyRefunded, NotPaid, NotFound, ExceedsAmount }

/// <summary>
/// Everything the three channels' books hold: customers and their wallets and cards, payment
/// codes, trades and settlements, and the ledger of every movement. One lock guards it all:
/// the sandbox is for correctness, not throughput.
/// </summary>
public sealed class SandboxState(TimeProvider clock, SandboxOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<(Channel, string), Trade> _trades = [];
    private readonly List<LedgerEntry> _ledger = [];
    private readonly HashSet<string> _signNos = new(StringComparer.Ordinal);
    // 2102 msgid → the settlement it opened (medins_setl_id); a msgid reversed before it arrived maps to null.
    private readonly Dictionary<string, string?> _settlementMessages = new(StringComparer.Ordinal);
    private long _seq;

    /// <summary>A wallet trade the buyer never confirms is closed by the channel after this long.</summary>
    public static readonly TimeSpan TradeExpiry = TimeSpan.FromMinutes(2);

    private sealed record IssuedCode(string CustomerId, Wallet Wallet, DateTimeOffset IssuedAt)
    {
        public bool Used { get; set; }
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public void Upsert(Customer customer)
    {
        lock (_gate) _customers[customer.Id] = customer;
    }

    public IReadOnlyList<Customer> Customers()
    {
        lock (_gate) return [.. _customers.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
    }

    public Customer? Customer(string id)
    {
        lock (_gate) return _customers.GetValueOrDefault(id);
    }

    public void Update(string id, Action<Customer> change)
    {
        lock (_gate)
        {
            if (_customers.TryGetValue(id, out var c)) change(c);
        }
    }

    /// <summary>The code the customer's phone shows now: reissued when used or expired, like the real apps.</summary>
    public string? CurrentCode(string customerId, Wallet wallet)
    {
        lock (_gate)
        {
            if (!_customers.TryGetValue(customerId, out var c)) return null;
            if ((wallet == Wallet.Alipay ? c.AlipayBalance : c.WeChatBalance) is null) return null;
            var now = Now;
            var current = _codes.Where(kv => kv.Value.CustomerId == customerId && kv.Value.Wallet == wallet && !kv.Value.Used
                                             && now - kv.Value.IssuedAt < options.CodeLifetime / 2)
                .Select(kv => kv.Key).FirstOrDefault();
            return current ?? Issue(customerId, wallet, now);
        }
    }

    private string Issue(string customerId, Wallet wallet, DateTimeOffset now)
    {
        string code;
        do
        {
            var digits = string.Concat(Enumerable.Range(0, 16).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
            code = (wallet == Wallet.Alipay ? "28" : "13") + digits;
        } while (_codes.ContainsKey(code));
        _codes[code] = new IssuedCode(customerId, wallet, now);
        return code;
    }

    public (CodeStatus, Customer?) Resolve(string code, Wallet? wallet = null)
    {
        lock (_gate) return ResolveLocked(code, wallet);
    }

    private (CodeStatus, Customer?) ResolveLocked(string code, Wallet? wallet)
    {
        if (!_codes.TryGetValue(code, out var issued) || (wallet is { } w && issued.Wallet != w)) return (CodeStatus.Unknown, null);
        var customer = _customers.GetValueOrDefault(issued.CustomerId);
        if (issued.Used) return (CodeStatus.Used, customer);
        if (Now - issued.IssuedAt > options.CodeLifetime) return (CodeStatus.Expired, customer);
        return (CodeStatus.Valid, customer);
    }

    /// <summary>A wallet payment by payment code (alipay.trade.pay / micropay).</summary>
    public (PayStatus, Trade?) Pay(Channel channel, string outTradeNo, string authCode, Money amount, string subject)
    {
        var wallet = channel == Channel.Alipay ? Wallet.Alipay : Wallet.WeChat;
        lock (_gate)
        {
            Tick();
            if (_trades.TryGetValue((channel, outTradeNo), out var existing)) return (Existing(existing), existing);
            var (status, customer) = ResolveLocked(authCode, wallet);
            if (status is CodeStatus.Unknown or CodeStatus.Used || customer is null) return (PayStatus.CodeInvalid, null);
            if (status == CodeStatus.Expired) return (PayStatus.CodeExpired, null);
            var balance = wallet == Wallet.Alipay ? customer.AlipayBalance : customer.WeChatBalance;
            if (balance is null) return (PayStatus.CodeInvalid, null);
            if (balance.Value < amount) return (PayStatus.BalanceNotEnough, null);
            return (PayStatus.Accepted, Open(channel, outTradeNo, authCode, customer, amount, subject, psnNo: null));
        }
    }

    /// <summary>A settlement from the personal account of the card bound to a code or read from a card (2102).</summary>
    /// <param name="atCounter">A physical card: the PIN is entered at the counter, so there is nothing to wait for.</param>
    public (PayStatus, Trade?) Settle(string medinsSetlId, Customer customer, string certNo, Money amount, bool atCounter)
    {
        lock (_gate)
        {
            Tick();
            if (_trades.TryGetValue((Channel.Insurance, medinsSetlId), out var existing)) return (Existing(existing), existing);
            if (customer.Card is null) return (PayStatus.NotBound, null);
            if (customer.Card.Balance < amount) return (PayStatus.BalanceNotEnough, null);
            return (PayStatus.Accepted, Open(Channel.Insurance, medinsSetlId, certNo, customer, amount, "药店购药", customer.Card.PsnNo, atCounter));
        }
    }

    private static PayStatus Existing(Trade t) => t.Status switch
    {
        TradeStatus.Paid => PayStatus.AlreadyPaid,
        TradeStatus.WaitingForBuyer => PayStatus.Accepted,
        _ => PayStatus.Closed,
    };

    private Trade Open(Channel channel, string outTradeNo, string code, Customer customer, Money amount, string subject, string? psnNo, bool confirmNow = false)
    {
        if (_codes.TryGetValue(code, out var issued)) issued.Used = true;
        var now = Now;
        var trade = new Trade
        {
            Channel = channel,
            OutTradeNo = outTradeNo,
            ChannelTradeId = ChannelTradeId(channel, now),
            CustomerId = customer.Id,
            Amount = amount,
            CreatedAt = now,
            Subject = subject,
            PsnNo = psnNo,
            Status = TradeStatus.WaitingForBuyer,
            ConfirmAt = confirmNow ? now : customer.AutoConfirm ? now + customer.ConfirmDelay : null,
        };
        _trades[(channel, outTradeNo)] = trade;
        Tick();
        return trade;
    }

    private string ChannelTradeId(Channel channel, DateTimeOffset now)
    {
        var n = Interlocked.Increment(ref _seq).ToString("D8", CultureInfo.InvariantCulture);
        return channel switch
        {
            Channel.Alipay => $"{now:yyyyMMdd}2200{n}{RandomNumberGenerator.GetInt32(100000, 999999)}",
            Channel.WeChat => $"4200{now:yyyyMMdd}{n}{RandomNumberGenerator.GetInt32(100000, 999999)}",
            _ => $"SETL{now:yyyyMMddHHmmss}{n}",
        };
    }

    public Trade? Find(Channel channel, string outTradeNo)
    {
        lock (_gate)
        {
            Tick();
            return _trades.GetValueOrDefault((channel, outTradeNo));
        }
    }

    /// <summary>
    /// The merchant's out_trade_no for a trade named by either number, the channel's own first (as both
    /// channels' docs say when a request carries both); null when the channel's number is unknown.
    /// </summary>
    public string? OutTradeNoOf(Channel channel, string? outTradeNo, string? channelTradeId)
    {
        if (string.IsNullOrEmpty(channelTradeId)) return outTradeNo;
        lock (_gate)
            return _trades.Values.FirstOrDefault(t => t.Channel == channel && t.ChannelTradeId == channelTradeId)?.OutTradeNo;
    }

    public Trade? FindBySettlementId(string setlId)
    {
        lock (_gate)
        {
            Tick();
            return _trades.Values.FirstOrDefault(t => t.Channel == Channel.Insurance && t.ChannelTradeId == setlId);
        }
    }

    /// <summary>The buyer pressed 确认支付 (or auto-confirm fired). A second confirmation changes nothing.</summary>
    public bool Confirm(Channel channel, string outTradeNo)
    {
        lock (_gate)
        {
            Tick();
            return _trades.TryGetValue((channel, outTradeNo), out var t) && ConfirmLocked(t);
        }
    }

    public bool Decline(Channel channel, string outTradeNo)
    {
        lock (_gate)
        {
            Tick();
            if (!_trades.TryGetValue((channel, outTradeNo), out var t) || t.Status != TradeStatus.WaitingForBuyer) return false;
            t.Status = TradeStatus.BuyerCancelled;
            return true;
        }
    }

    private bool ConfirmLocked(Trade t)
    {
        if (t.Status != TradeStatus.WaitingForBuyer) return false;
        var c = _customers[t.CustomerId];
        Money? balance = t.Channel switch
        {
            Channel.Alipay => c.AlipayBalance,
            Channel.WeChat => c.WeChatBalance,
            _ => c.Card?.Balance,
        };
        if (balance is null || balance.Value < t.Amount)
        {
            t.Status = TradeStatus.Closed;
            return false;
        }
        Adjust(c, t.Channel, -t.Amount.Fen);
        t.Status = TradeStatus.Paid;
        t.PaidAt = Now;
        Record(t, t.Channel == Channel.Insurance ? Movement.InsuranceSettlement : Movement.Charge, null, t.Amount);
        return true;
    }

    /// <summary>Cancel/reverse/2103 before or after payment. An unknown number is closed in advance,
    /// so a payment request still on its way can never be taken afterwards.</summary>
    public (bool Cancelled, bool MoneyReturned, Trade? Trade) Cancel(Channel channel, string outTradeNo)
    {
        lock (_gate)
        {
            Tick();
            if (!_trades.TryGetValue((channel, outTradeNo), out var t))
            {
                _trades[(channel, outTradeNo)] = new Trade
                {
                    Channel = channel, OutTradeNo = outTradeNo, ChannelTradeId = "", CustomerId = "", Amount = Money.Zero,
                    CreatedAt = Now, Status = TradeStatus.Closed,
                };
                return (false, false, null);
            }
            switch (t.Status)
            {
                case TradeStatus.WaitingForBuyer:
                    t.Status = TradeStatus.Revoked;
                    return (true, false, t);
                case TradeStatus.Paid when t.Refunded == Money.Zero:
                    Adjust(_customers[t.CustomerId], channel, t.Amount.Fen);
                    t.Status = TradeStatus.Reversed;
                    Record(t, channel == Channel.Insurance ? Movement.InsuranceCancel : Movement.Reversal, null, t.Amount);
                    return (true, true, t);
                case TradeStatus.Paid:
                    return (false, false, t);
                default:
                    return (false, false, t);
            }
        }
    }

    public (RefundStatus, Trade?) Refund(Channel channel, string outTradeNo, string refundNo, Money amount)
    {
        lock (_gate)
        {
            Tick();
            if (!_trades.TryGetValue((channel, outTradeNo), out var t) || t.CustomerId.Length == 0) return (RefundStatus.NotFound, null);
            if (t.Refunds.ContainsKey(refundNo)) return (RefundStatus.AlreadyRefunded, t);
            if (t.Status != TradeStatus.Paid) return (RefundStatus.NotPaid, t);
            if (t.Refunded + amount > t.Amount || amount.Fen <= 0) return (RefundStatus.ExceedsAmount, t);
            // The channel's refund id: the trade's number with the refund's place in it, unique and stable.
            t.Refunds[refundNo] = new TradeRefund($"50{t.ChannelTradeId[4..]}{t.Refunds.Count + 1:D2}", amount, Now);
            Adjust(_customers[t.CustomerId], channel, amount.Fen);
            Record(t, Movement.Refund, refundNo, amount);
            return (RefundStatus.Refunded, t);
        }
    }

    public IReadOnlyList<Trade> Pending(string customerId)
    {
        lock (_gate)
        {
            Tick();
            return [.. _trades.Values.Where(t => t.CustomerId == customerId && t.Status == TradeStatus.WaitingForBuyer).OrderBy(t => t.CreatedAt)];
        }
    }

    public IReadOnlyList<LedgerEntry> Ledger()
    {
        lock (_gate)
        {
            Tick();
            return [.. _ledger];
        }
    }

    public IReadOnlyList<Trade> Trades()
    {
        lock (_gate)
        {
            Tick();
            return [.. _trades.Values];
        }
    }

    public string SignIn()
    {
        lock (_gate)
        {
            var signNo = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            _signNos.Add(signNo);
            return signNo;
        }
    }

    /// <summary>How many sign-ins (9001) have not been signed out (9002).</summary>
    public int OpenSignIns
    {
        get { lock (_gate) return _signNos.Count; }
    }

    /// <summary>9002: the sign_no is no longer good for anything.</summary>
    public bool SignOut(string signNo)
    {
        lock (_gate) return _signNos.Remove(signNo);
    }

    /// <summary>A processed 2102's msgid and the settlement it opened, for a later 2601.</summary>
    public void RememberSettlementMessage(string msgid, string medinsSetlId)
    {
        lock (_gate) _settlementMessages.TryAdd(msgid, medinsSetlId);
    }

    /// <summary>Whether a 2102 under this msgid was reversed (2601) before it ever arrived: it can no longer be taken.</summary>
    public bool IsReversedInAdvance(string msgid)
    {
        lock (_gate) return _settlementMessages.TryGetValue(msgid, out var setl) && setl is null;
    }

    /// <summary>2601 of a 2102: the settlement it opened, or null when it never arrived (then it never will be taken).</summary>
    public string? ReverseSettlementMessage(string msgid)
    {
        lock (_gate)
        {
            if (_settlementMessages.TryGetValue(msgid, out var setl)) return setl;
            _settlementMessages[msgid] = null;
            return null;
        }
    }

    public bool IsSignedIn(string? signNo)
    {
        lock (_gate) return signNo is not null && _signNos.Contains(signNo);
    }

    /// <summary>Time moves on: auto-confirmations fall due, unconfirmed trades expire.</summary>
    private void Tick()
    {
        var now = Now;
        foreach (var t in _trades.Values.Where(t => t.Status == TradeStatus.WaitingForBuyer).ToList())
        {
            if (t.ConfirmAt is { } due && due <= now) ConfirmLocked(t);
            else if (now - t.CreatedAt > TradeExpiry) t.Status = TradeStatus.Closed;
        }
    }

    private static void Adjust(Customer c, Channel channel, long fen)
    {
        switch (channel)
        {
            case Channel.Alipay: c.AlipayBalance = c.AlipayBalance!.Value + new Money(fen); break;
            case Channel.WeChat: c.WeChatBalance = c.WeChatBalance!.Value + new Money(fen); break;
            default: c.Card!.Balance += new Money(fen); break;
        }
    }

    private void Record(Trade t, Movement movement, string? refundNo, Money amount) =>
        _ledger.Add(new LedgerEntry(_ledger.Count + 1, Now, t.Channel, movement, t.OutTradeNo, refundNo, t.CustomerId, amount.Fen));
}
