using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace PharmacyPos.Data.PersonalData;

/// <summary>
/// Carries the protector into the model: the sealing converter is part of the model, and a model
/// is cached per EF service provider, so two keys must never share one (ShouldUseSameServiceProvider).
/// </summary>
internal sealed class PersonalDataExtension(PersonalDataProtector protector) : IDbContextOptionsExtension
{
    public PersonalDataProtector Protector { get; } = protector;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(PersonalDataExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private new PersonalDataExtension Extension => (PersonalDataExtension)base.Extension;
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => $"PersonalDataKey={Extension.Protector.Fingerprint} ";
        public override int GetServiceProviderHashCode() => Extension.Protector.Fingerprint.GetHashCode(StringComparison.Ordinal);
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo o && o.Extension.Protector.Fingerprint == Extension.Protector.Fingerprint;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["PharmacyPos:PersonalDataKey"] = Extension.Protector.Fingerprint;
    }
}

internal sealed class SealedConverter(PersonalDataProtector protector)
    : ValueConverter<string, string>(v => protector.Protect(v), v => protector.Unprotect(v));

public static class PersonalDataOptions
{
    internal static DbContextOptionsBuilder UsePersonalDataProtection(this DbContextOptionsBuilder builder, PersonalDataProtector protector)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new PersonalDataExtension(protector));
        return builder;
    }

    internal static PersonalDataProtector? FindProtector(this DbContextOptions options) =>
        options.FindExtension<PersonalDataExtension>()?.Protector;
}
