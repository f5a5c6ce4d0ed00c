using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Specialized.Generators.Diagnostics;
using Specialized.Generators.Emitting;
using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;

namespace Specialized.Generators;

/// <summary>
/// The incremental pipelines: [Model] types → Parser (spec + diagnostics) → Planner (graph) → two
/// emitted files (the public API in the user's type; the graph and its passes), and [KernelSvm]
/// classes → SvmParser → SvmKernelEmitter. Diagnostics and source are separate outputs, so moving
/// code (which changes only locations) never re-emits source, and an edit that does not touch a
/// model leaves its output cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Parser output: spec and diagnostics.</summary>
        public const string Parsed = nameof(Parsed);
        /// <summary>Specs of sound declarations.</summary>
        public const string Specs = nameof(Specs);
        /// <summary>Plans handed to the emitters.</summary>
        public const string Plans = nameof(Plans);
        /// <summary>Types with layers but no [Model].</summary>
        public const string OrphanLayers = nameof(OrphanLayers);
        /// <summary>SVM parser output: spec and diagnostics of a [KernelSvm] class.</summary>
        public const string SvmParsed = nameof(SvmParsed);
        /// <summary>Specs of sound [KernelSvm] declarations, handed to the emitter.</summary>
        public const string SvmSpecs = nameof(SvmSpecs);
    }

    // The layer attributes a type may carry without [Model] by mistake; each gets the SPEC003 check.
    private static readonly string[] s_layerAttributes =
    [
        "Specialized.DenseAttribute", "Specialized.BatchNormAttribute", "Specialized.DropoutAttribute", "Specialized.ResidualAttribute",
    ];

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every type declaration is read (records, structs and file-local classes too), so a shape the
        // generator cannot extend gets a located diagnostic instead of silence.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelParser.ModelAttributeName, static (node, _) => node is TypeDeclarationSyntax,
                // A class that is also a [KernelSvm] is reported (SPEC028) and left out by the SVM pipeline.
                static (ctx, ct) => SvmParser.HasKernelSvm(ctx.TargetSymbol) ? new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty) : ModelParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parsed);

        context.RegisterSourceOutput(parsed.Select(static (result, _) => result.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (DiagnosticInfo diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        var plans = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.Specs)
            .Select(static (spec, _) => ModelPlanner.Plan(spec!))
            .WithTrackingName(TrackingNames.Plans);
        context.RegisterSourceOutput(plans, static (spc, plan) =>
        {
            spc.AddSource(plan.HintPrefix + ".g.cs", ModelApiEmitter.Emit(plan));
            spc.AddSource(plan.HintPrefix + ".Graph.g.cs", ModelGraphEmitter.Emit(plan));
            if (plan.CanStream) spc.AddSource(plan.HintPrefix + ".Streaming.g.cs", StreamingEmitter.Emit(plan));
        });

        // A type with layers but no [Model] would silently generate nothing: say so.
        foreach (string layerAttribute in s_layerAttributes)
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(layerAttribute, static (node, _) => node is TypeDeclarationSyntax, static (ctx, _) =>
                {
                    var type = (INamedTypeSymbol)ctx.TargetSymbol;
                    bool hasModel = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttributeName);
                    // Report once per type: on its first layer attribute.
                    bool first = type.GetAttributes().First(a => DeclarationReader.DerivesFrom(a, ModelParser.LayerAttributeName)).AttributeClass?.ToDisplayString() == ctx.Attributes[0].AttributeClass?.ToDisplayString();
                    return hasModel || !first ? null : DiagnosticInfo.Create(DiagnosticDescriptors.MissingModel, LocationInfo.From(((TypeDeclarationSyntax)ctx.TargetNode).Identifier.GetLocation()), type.Name);
                })
                .Where(static d => d is not null)
                .WithTrackingName(TrackingNames.OrphanLayers);
            context.RegisterSourceOutput(orphans, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic!.ToDiagnostic()));
        }

        var svms = context.SyntaxProvider
            .ForAttributeWithMetadataName(SvmParser.KernelSvmAttributeName, static (node, _) => node is TypeDeclarationSyntax, SvmParser.Parse)
            .WithTrackingName(TrackingNames.SvmParsed);
        context.RegisterSourceOutput(svms.Select(static (result, _) => result.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (DiagnosticInfo diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
        var svmSpecs = svms
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.SvmSpecs);
        context.RegisterSourceOutput(svmSpecs, static (spc, spec) => spc.AddSource(spec!.HintName, SvmKernelEmitter.Emit(spec)));
    }
}
