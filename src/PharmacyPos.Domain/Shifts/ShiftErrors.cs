using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Shifts;

public static class ShiftErrors
{
    public static readonly PosError NotOpen = new("SHIFT_NOT_OPEN", "该班次已交班，不能再记入。请重新登录开始新的班次。", ErrorKind.Conflict);
    public static readonly PosError AlreadyHandedOver = new("SHIFT_ALREADY_HANDED_OVER", "该班次已交班，不能重复交班。", ErrorKind.Conflict);
    public static readonly PosError NotYours = new("SHIFT_NOT_YOURS", "只能交自己的班；他人的班次须由店长处理。", ErrorKind.Forbidden);
    public static readonly PosError NotFound = new("SHIFT_NOT_FOUND", "找不到该班次。", ErrorKind.NotFound);
    public static readonly PosError FloatAlreadyDeclared = new("FLOAT_ALREADY_DECLARED", "本班次的备用金已登记；如需补充请用“备用金补充”。", ErrorKind.Conflict);
}
