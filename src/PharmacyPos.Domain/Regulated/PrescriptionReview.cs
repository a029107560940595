using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Regulated;

/// <summary>Who may sign a prescription off: a pharmacist (药师) — the signed-in one, or one whose 账号 and 密码 are typed at the till.</summary>
public static class PrescriptionReview
{
    public static bool SignedInMayReview(Actor signedIn) => signedIn.May(Permission.ReviewPrescriptions);

    public static PosError? CheckReviewer(Actor reviewer, Actor asking) =>
        reviewer.May(Permission.ReviewPrescriptions) ? null
            : new PosError("REVIEWER_NOT_PHARMACIST", $"{reviewer.DisplayName}不是药师账号，不能审核处方。请执业药师输入自己的账号和密码。", ErrorKind.Forbidden);

    public static readonly PosError WrongCredentials = new("PHARMACIST_INVALID", "药师账号或密码不正确，处方未审核。", ErrorKind.Forbidden);

    public static readonly PosError ReviewerRequired = new("PHARMACIST_REQUIRED", "请药师输入账号和密码审核处方（当前登录的不是药师）。", ErrorKind.Forbidden);
}
