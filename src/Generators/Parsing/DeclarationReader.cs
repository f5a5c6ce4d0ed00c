using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Specialized.Generators.Diagnostics;
using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>
/// What every pipeline reads the same way from a declaration: the checks on the type itself, where
/// an attribute argument is, and its values. Shared by the model and SVM parsers.
/// </summary>
internal static class DeclarationReader
{
    /// <summary>
    /// Reports what keeps generated code from extending the type: not partial, nested, generic,
    /// static, a struct, a record struct, an interface, or file-local.
    /// </summary>
    public static void CheckType(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        var location = LocationInfo.From(declaration.Identifier.GetLocation());
        string? shape = declaration switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "is a record struct",
            StructDeclarationSyntax => "is a struct",
            InterfaceDeclarationSyntax => "is an interface",
            _ when type.IsStatic => "is static",
            _ when declaration.Modifiers.Any(SyntaxKind.FileKeyword) => "is file-local, so code generated in another file cannot extend it",
            _ => null,
        };
        if (shape is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTypeShape, location, type.Name, shape));
            return;
        }
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, type.Name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedModel, location, type.Name, type.ContainingType.Name));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericModel, LocationInfo.From(declaration.TypeParameterList) ?? location, type.Name));
    }

    /// <summary>"class" or "record" for the generated partial declaration.</summary>
    public static string Keyword(TypeDeclarationSyntax declaration) => declaration is RecordDeclarationSyntax ? "record" : "class";

    /// <summary>The namespace as plain names joined by dots ("event.x", not "@event.x"), or null for the global namespace; emitters escape it.</summary>
    public static string? Namespace(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace) names.Insert(0, ns.Name);
        return names.Count == 0 ? null : string.Join(".", names);
    }

    /// <summary>"public" or "internal", as the generated partial must repeat.</summary>
    public static string Accessibility(INamedTypeSymbol type) =>
        type.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public ? "public" : "internal";

    public static bool Is(AttributeData attribute, string fullName) => attribute.AttributeClass?.ToDisplayString() == fullName;

    /// <summary>Whether the attribute's class is, or derives from, the type <paramref name="baseName"/>.</summary>
    public static bool DerivesFrom(AttributeData attribute, string baseName)
    {
        for (INamedTypeSymbol? t = attribute.AttributeClass; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == baseName) return true;
        }
        return false;
    }

    /// <summary>An attribute whose syntax has errors: the compiler reports them, so the parser adds none of its own.</summary>
    public static bool IsBroken(AttributeData attribute) =>
        attribute.AttributeConstructor is null || Syntax(attribute)?.ContainsDiagnostics == true;

    public static AttributeSyntax? Syntax(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;

    public static LocationInfo? Locate(AttributeData attribute) => LocationInfo.From(Syntax(attribute));

    /// <summary>A named argument by name, else the positional argument at <paramref name="position"/> (−1: none), else the attribute.</summary>
    public static LocationInfo? Argument(AttributeData attribute, string? name, int position)
    {
        AttributeSyntax? syntax = Syntax(attribute);
        if (syntax?.ArgumentList is not null)
        {
            int positional = 0;
            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                string? argumentName = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
                if (name is not null && argumentName == name) return LocationInfo.From(argument);
                if (argumentName is null && positional++ == position) return LocationInfo.From(argument);
            }
        }
        return LocationInfo.From(syntax);
    }

    public static T Named<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Value is T value) return value;
        }
        return fallback;
    }

    public static T Positional<T>(AttributeData attribute, int index, T fallback) =>
        attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is T value ? value : fallback;

    /// <summary>Reports an enum value outside the defined ones (a cast such as <c>(Activation)42</c>).</summary>
    public static void CheckEnum<TEnum>(int value, string what, string enumName, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        if (Enum.IsDefined(typeof(TEnum), value)) return;
        string names = string.Join(", ", Enum.GetNames(typeof(TEnum)));
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, what, value, enumName, names));
    }
}
