namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>A Go-template parse or execution error (yip keeps the original text and warns).</summary>
public sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
