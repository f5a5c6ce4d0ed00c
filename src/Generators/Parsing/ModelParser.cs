using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Specialized.Generators.Diagnostics;
using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>
/// Reads a [Model] class into a <see cref="ModelSpec"/>, checking every argument. All validation
/// happens here, where the attribute syntax is at hand, so every diagnostic points at the offending
/// argument and the later stages cannot fail.
/// </summary>
internal static class ModelParser
{
    public const string ModelAttributeName = "Specialized.ModelAttribute";
    public const string DenseAttributeName = "Specialized.DenseAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        try
        {
            return Parse(type, declaration, context.Attributes, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The generator never throws: an unexpected failure becomes a diagnostic and no source.
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(declaration.Identifier.GetLocation()),
                type.Name, exception.GetType().Name + ": " + exception.Message);
            return new ParseResult(null, new[] { diagnostic }.ToEquatableArray());
        }
    }

    private static ParseResult Parse(INamedTypeSymbol type, ClassDeclarationSyntax declaration, IEnumerable<AttributeData> modelAttributes, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, classLocation, type.Name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedModel, classLocation, type.Name, type.ContainingType.Name));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericModel, LocationInfo.From(declaration.TypeParameterList) ?? classLocation, type.Name));

        var allModels = type.GetAttributes().Where(a => IsAttribute(a, ModelAttributeName)).ToList();
        if (allModels.Count > 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, Locate(allModels[1]) ?? classLocation, type.Name));

        AttributeData model = modelAttributes.First();
        var modelSyntax = Syntax(model);
        int input = NamedInt(model, "Input", 0);
        if (input <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, LocateArgument(modelSyntax, "Input", -1) ?? Locate(model) ?? classLocation, "Model Input", input));
        int lossValue = NamedInt(model, "Loss", 0);
        CheckEnum<LossKind>(lossValue, "Model Loss", "Loss", LocateArgument(modelSyntax, "Loss", -1) ?? Locate(model), diagnostics);
        int seed = NamedInt(model, "Seed", 42);

        var layers = new List<LayerSpec>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        long parameterCount = 0;
        int width = input;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsAttribute(attribute, DenseAttributeName)) continue;
            int index = layers.Count;
            var syntax = Syntax(attribute);
            var location = Locate(attribute) ?? classLocation;
            var layer = ParseDense(attribute, syntax, index, location, diagnostics);
            string? problem = layer.TensorPrefix.Length == 0 ? "is empty"
                : !IsStateDictName(layer.TensorPrefix) ? "has characters other than letters, digits, '_', '.' and '-'"
                : !prefixes.Add(layer.TensorPrefix) ? "is used by another layer"
                : null;
            if (problem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTensorName, LocateArgument(syntax, "Name", -1) ?? location, index, layer.TensorPrefix, problem));
            if (width > 0 && layer.Units > 0) parameterCount += (long)width * layer.Units + layer.Units;
            width = layer.Units;
            layers.Add(layer);
        }

        if (layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, classLocation, type.Name));
        }
        else
        {
            if (parameterCount > int.MaxValue - 1024)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelTooLarge, classLocation, type.Name, parameterCount));
            CheckLossFitsOutput((LossKind)lossValue, layers[layers.Count - 1], LocateArgument(modelSyntax, "Loss", -1) ?? Locate(model) ?? classLocation, diagnostics);
        }

        if (diagnostics.Count > 0) return new ParseResult(null, diagnostics.ToEquatableArray());

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        var spec = new ModelSpec(ns, type.Name, accessibility, input, (LossKind)lossValue, seed, layers.ToEquatableArray());
        return new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static LayerSpec ParseDense(AttributeData attribute, AttributeSyntax? syntax, int index, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        int units = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is int u ? u : 0;
        if (units <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, LocateArgument(syntax, "units", 0) ?? location, $"Dense layer {index} units", units));
        int activation = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int a ? a : 0;
        CheckEnum<ActivationKind>(activation, $"Dense layer {index} activation", "Activation", LocateArgument(syntax, "activation", 1) ?? location, diagnostics);
        int initializer = NamedInt(attribute, "Init", 0);
        CheckEnum<InitializerKind>(initializer, $"Dense layer {index} Init", "Initializer", LocateArgument(syntax, "Init", -1) ?? location, diagnostics);
        string prefix = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Name" && named.Value.Value is string name) prefix = name.Trim();
        }
        return new LayerSpec(LayerKind.Dense, index, units, (ActivationKind)activation, prefix, (InitializerKind)initializer);
    }

    private static void CheckLossFitsOutput(LossKind loss, LayerSpec last, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        bool needsLogits = loss is LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy or LossKind.Hinge;
        if (needsLogits && last.Activation != ActivationKind.Identity)
        {
            string own = loss switch
            {
                LossKind.SoftmaxCrossEntropy => "softmax",
                LossKind.BinaryCrossEntropy => "sigmoid",
                _ => "margin on raw scores",
            };
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossAfterActivation, location, $"Loss.{loss}", own, last.Activation));
        }
        if (loss == LossKind.SoftmaxCrossEntropy && last.Units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNeedsTwoOutputs, location, last.Units));
    }

    private static void CheckEnum<TEnum>(int value, string what, string enumName, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        if (Enum.IsDefined(typeof(TEnum), value)) return;
        string names = string.Join(", ", Enum.GetNames(typeof(TEnum)));
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, what, value, enumName, names));
    }

    // PyTorch state_dict keys are dotted module paths; anything else could not round-trip and would
    // have to be escaped in the generated string literals and XML docs.
    private static bool IsStateDictName(string name)
    {
        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) && c < 128) && c != '_' && c != '.' && c != '-') return false;
        }
        return true;
    }

    private static bool IsAttribute(AttributeData attribute, string fullName) =>
        attribute.AttributeClass?.ToDisplayString() == fullName;

    private static int NamedInt(AttributeData attribute, string name, int fallback)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Value is int value) return value;
        }
        return fallback;
    }

    private static AttributeSyntax? Syntax(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;

    private static LocationInfo? Locate(AttributeData attribute) => LocationInfo.From(Syntax(attribute));

    // A named argument by name, else the positional argument at the given index.
    private static LocationInfo? LocateArgument(AttributeSyntax? syntax, string? name, int position)
    {
        if (syntax?.ArgumentList is null) return null;
        int positional = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            string? argumentName = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
            if (name is not null && argumentName == name) return LocationInfo.From(argument);
            if (argumentName is null && positional++ == position) return LocationInfo.From(argument);
        }
        return null;
    }
}
