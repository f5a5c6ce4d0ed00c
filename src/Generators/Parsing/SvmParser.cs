using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Specialized.Generators.Diagnostics;
using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>
/// Reads a [KernelSvm] class into an <see cref="SvmSpec"/>, checking every argument against
/// LIBSVM's <c>svm_check_parameter</c> and against the chosen kernel. All validation happens here,
/// where the attribute syntax is at hand, so every diagnostic points at the offending argument and
/// the emitter cannot fail.
/// </summary>
internal static class SvmParser
{
    public const string KernelSvmAttributeName = "Specialized.KernelSvmAttribute";

    // LIBSVM's defaults, as in KernelSvmAttribute.
    private const int DefaultKernel = (int)SvmKernelKind.Rbf;
    private const double DefaultC = 1.0, DefaultTolerance = 1e-3, DefaultCache = 200;
    private const int DefaultDegree = 3, MaxDegree = 64;
    // Keeps every emitted offset (up to 3·Features + Features) and the runtime's row arithmetic within int.
    private const int MaxFeatures = 1 << 24;

    public static SvmParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        try
        {
            return Parse(type, declaration, context.Attributes.First(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The generator never throws: an unexpected failure becomes a diagnostic and no source.
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(declaration.Identifier.GetLocation()),
                type.Name, exception.GetType().Name + ": " + exception.Message);
            return new SvmParseResult(null, new[] { diagnostic }.ToEquatableArray());
        }
    }

    /// <summary>Whether a class also carries [KernelSvm]; the model pipeline leaves such classes to this one.</summary>
    public static bool HasKernelSvm(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KernelSvmAttributeName);

    private static SvmParseResult Parse(INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeData attribute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        LocationInfo? attributeLocation = LocationInfo.From(syntax) ?? classLocation;

        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmClassShape, classLocation, type.Name, "is static"));
        else if (declaration is RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword })
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmClassShape, classLocation, type.Name, "is a record, and a record cannot derive from a class"));
        else
            DeclarationReader.CheckType(type, declaration, diagnostics);
        if (diagnostics.Count == 0 && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && declaration is ClassDeclarationSyntax)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmClassShape, classLocation, type.Name, $"already derives from {baseType.Name}"));
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttributeName))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelAndSvm, attributeLocation, type.Name));

        var given = new Dictionary<string, TypedConstant>(StringComparer.Ordinal);
        foreach (var named in attribute.NamedArguments) given[named.Key] = named.Value;
        LocationInfo? Where(string name) => LocateArgument(syntax, name) ?? attributeLocation;

        int features = given.TryGetValue("Features", out var f) && f.Value is int fv ? fv : 0;
        if (features <= 0 || features > MaxFeatures)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmFeatures, Where("Features"), I(features)));
        string auto = features > 0 ? R(1.0 / features) : "1.0 / Features";

        int kernelValue = given.TryGetValue("Kernel", out var k) && k.Value is int kv ? kv : DefaultKernel;
        bool kernelDefined = Enum.IsDefined(typeof(SvmKernelKind), kernelValue);
        if (!kernelDefined)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, Where("Kernel"), "KernelSvm Kernel", I(kernelValue),
                "SvmKernel", string.Join(", ", Enum.GetNames(typeof(SvmKernelKind)))));
        }
        var kernel = (SvmKernelKind)kernelValue;

        double c = Double(given, "C", DefaultC);
        if (!(c > 0) || double.IsInfinity(c))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmCost, Where("C"), R(c)));
        double gamma = Double(given, "Gamma", 0);
        double coef0 = Double(given, "Coef0", 0);
        int degree = given.TryGetValue("Degree", out var d) && d.Value is int dv ? dv : DefaultDegree;
        double tolerance = Double(given, "Tolerance", DefaultTolerance);
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmTolerance, Where("Tolerance"), R(tolerance)));
        double cache = Double(given, "CacheMegabytes", DefaultCache);
        if (!(cache > 0) || double.IsInfinity(cache))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmCache, Where("CacheMegabytes"), R(cache)));
        bool shrinking = !given.TryGetValue("Shrinking", out var s) || s.Value is not bool sv || sv;

        if (kernelDefined)
        {
            bool usesGamma = kernel != SvmKernelKind.Linear;
            bool usesCoef0 = kernel is SvmKernelKind.Polynomial or SvmKernelKind.Sigmoid;
            bool usesDegree = kernel == SvmKernelKind.Polynomial;
            ReportUnused(kernel, "Gamma", usesGamma, "Polynomial, Rbf and Sigmoid");
            ReportUnused(kernel, "Coef0", usesCoef0, "Polynomial and Sigmoid");
            ReportUnused(kernel, "Degree", usesDegree, "Polynomial");
            if (usesGamma)
            {
                if (gamma < 0 || double.IsNaN(gamma) || double.IsInfinity(gamma))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmGammaNegative, Where("Gamma"), R(gamma), auto));
                else if (gamma == 0)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmGammaMissing, Where("Gamma"), kernel, auto));
            }
            if (usesCoef0 && (double.IsNaN(coef0) || double.IsInfinity(coef0)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmCoef0, Where("Coef0"), R(coef0)));
            if (usesDegree && (degree < 1 || degree > MaxDegree))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmDegree, Where("Degree"), I(degree)));
        }

        if (diagnostics.Count > 0) return new SvmParseResult(null, diagnostics.ToEquatableArray());

        // Options a kernel does not use are normalized, so the spec (and the emitted properties) say what the kernel computes.
        if (kernel == SvmKernelKind.Linear) gamma = 0;
        if (kernel is SvmKernelKind.Linear or SvmKernelKind.Rbf) coef0 = 0;
        if (kernel != SvmKernelKind.Polynomial) degree = DefaultDegree;

        var spec = new SvmSpec(DeclarationReader.Namespace(type), type.Name, DeclarationReader.Accessibility(type), features, kernel, c, gamma, degree, coef0, tolerance, cache, shrinking);
        return new SvmParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);

        void ReportUnused(SvmKernelKind chosen, string option, bool used, string users)
        {
            if (used || !given.ContainsKey(option)) return;
            var argument = LocateArgument(syntax, option);
            string text = argument is null ? option + " = ..." : ArgumentText(syntax, option);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SvmUnusedOption, argument ?? attributeLocation, chosen, option, text, users));
        }
    }

    private static double Double(Dictionary<string, TypedConstant> given, string name, double fallback)
    {
        if (!given.TryGetValue(name, out var constant)) return fallback;
        return constant.Value switch
        {
            double value => value,
            float value => value,
            int value => value,
            long value => value,
            _ => fallback,
        };
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static AttributeArgumentSyntax? FindArgument(AttributeSyntax? syntax, string name) =>
        syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    private static LocationInfo? LocateArgument(AttributeSyntax? syntax, string name) => LocationInfo.From(FindArgument(syntax, name));

    private static string ArgumentText(AttributeSyntax? syntax, string name) => FindArgument(syntax, name)?.ToString() ?? name;
}
