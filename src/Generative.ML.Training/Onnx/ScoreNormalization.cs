namespace Generative.ML.Training.Onnx
{
    /// <summary>
    /// Puts one ensemble member's anomaly score on the common scale, (score - Center) / Scale, so that members whose
    /// scores live on different ranges weigh the same in the ensemble's mean.
    /// </summary>
    internal readonly record struct ScoreNormalization(float Center, float Scale);
}
