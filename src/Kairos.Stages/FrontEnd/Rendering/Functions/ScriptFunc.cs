using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>A one-argument template function, called directly.</summary>
/// <remarks>
/// Scriban's <c>DelegateCustomFunction.CreateFunc</c> reads the delegate's parameters by reflection when made and
/// calls it through <c>Delegate.DynamicInvoke</c>: in the AOT binary both cost more than the rendering they serve.
/// Scriban checks the argument count and converts the argument to <typeparamref name="T"/> (from
/// <see cref="GetParameterInfo"/>) before <see cref="Invoke"/>, exactly as it does for a delegate; an exception
/// from the function reaches Scriban as it did through the delegate. <paramref name="parameter"/> is the name the
/// delegate's parameter had (Scriban maps an <see cref="ArgumentException.ParamName"/> to it).
/// </remarks>
internal sealed class ScriptFunc<T, TResult>(string parameter, Func<T, TResult> function) : IScriptCustomFunction
{
    private readonly ScriptParameterInfo _parameter = new(typeof(T), parameter);

    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(TResult);

    public ScriptParameterInfo GetParameterInfo(int index) =>
        index == 0 ? _parameter : throw new ArgumentOutOfRangeException(nameof(index));

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        function((T)arguments[0]!);

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
