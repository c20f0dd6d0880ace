using System.Numerics.Tensors;
using NotebookNet.Layers;
using NotebookNet.Training;

namespace NotebookNet;

public sealed partial class Sequential
{
    /// <summary>What made a training step refuse to change the model.</summary>
    private enum StepFault
    {
        None,

        /// <summary>The batch's loss was NaN or ∞: nothing was back-propagated.</summary>
        Loss,

        /// <summary>A gradient held NaN or ∞: the optimizer did not step.</summary>
        Gradient,

        /// <summary>The update itself overflowed a weight or the optimizer's state: both were restored.</summary>
        Update,
    }

    /// <summary>
    /// One batch of training: forward, loss and its gradient, backward, optimizer step, metrics. Everything it needs
    /// (the parameter list, the loss gradient, the metric values) is made once per Fit, so a batch allocates nothing.
    /// Backward stops at the first layer with weights, which skips its input gradient: nothing below it needs one.
    /// </summary>
    /// <remarks>
    /// The guard that keeps a model usable when training diverges, cheaper than a copy of the weights per batch:
    /// a non-finite loss stops before Backward, a non-finite gradient stops before the optimizer step, so neither
    /// touches the weights or the optimizer's state. Only a step whose gradients are huge (|g|·max(1, η) &gt; 10¹⁵,
    /// never in healthy training) could overflow inside the update (w − η·g, or Adam's g²); for those rare steps a
    /// snapshot is taken first and restored if the result is not finite. The test costs one vectorised Σg² pass over
    /// the gradients per batch (less than half the time of a max-magnitude pass); √Σg² ≥ max|g|, so the exact
    /// max-magnitude pass runs only when that bound is not finite or large.
    /// </remarks>
    private sealed class TrainingStep(Sequential model)
    {
        private const double RiskyGradient = 1e15;
        private readonly List<Parameter> _parameters = model._layers.SelectMany(l => l.Parameters).ToList();
        private readonly int _firstTrainable = model._layers.FindIndex(l => l.Parameters.Count > 0);
        private readonly BatchBuffer _lossGradients = new();
        private ModelSnapshot? _beforeRiskyStep;

        public double[] MetricValues { get; } = new double[model.Metrics.Count];

        /// <summary>Why the last batch left the model unchanged; <see cref="StepFault.None"/> when it trained.</summary>
        public StepFault Fault { get; private set; }

        /// <summary>The largest |gradient| of the last batch (NaN or ∞ when <see cref="Fault"/> is Gradient) when it was
        /// large or not finite; otherwise an upper bound of it, √Σg².</summary>
        public double LargestGradient { get; private set; }

        public double Run(Tensor x, Tensor y)
        {
            Fault = StepFault.None;
            var output = model.ForwardAll(x, training: true);
            var gradient = _lossGradients.GetLike(output);
            double loss = model.ComputeLoss(output, y, gradient);
            if (!double.IsFinite(loss)) return Refuse(StepFault.Loss, loss);
            var g = gradient;
            var layers = model._layers;
            for (int i = layers.Count - 1; i > _firstTrainable; i--) g = layers[i].Backward(g);
            if (_firstTrainable >= 0) layers[_firstTrainable].BackwardParametersOnly(g);
            double rate = Math.Max(1, model.Optimizer.LearningRate);
            LargestGradient = GradientNorm();
            if (!(LargestGradient * rate <= RiskyGradient / 2)) LargestGradient = MaxMagnitude();   // NaN fails <= too
            if (!double.IsFinite(LargestGradient)) return Refuse(StepFault.Gradient, loss);
            bool risky = LargestGradient * rate > RiskyGradient;
            if (risky) (_beforeRiskyStep ??= new ModelSnapshot(model, includeOptimizer: true)).Take();
            model.Optimizer.Step(_parameters);
            if (risky && !_beforeRiskyStep!.ModelIsFinite())
            {
                _beforeRiskyStep.Restore();
                return Refuse(StepFault.Update, loss);
            }
            for (int i = 0; i < MetricValues.Length; i++) MetricValues[i] = model.Metrics[i].Compute(output, y);
            return loss;
        }

        private double Refuse(StepFault fault, double loss)
        {
            Fault = fault;
            return loss;
        }

        // √Σg² over every gradient: NaN if a value is NaN, ∞ if one is infinite (or its square overflows a float).
        // Σ per tensor in float lanes, added in double; the bound has room to spare (the /2 above) for rounding.
        private double GradientNorm()
        {
            double sum = 0;
            for (int i = 0; i < _parameters.Count; i++) sum += Compute.Reductions.SumOfSquares(_parameters[i].Gradient.Span);
            return Math.Sqrt(sum);
        }

        // NaN if any gradient value is NaN, ∞ if one is infinite, else the largest |g|.
        private double MaxMagnitude()
        {
            float max = 0;
            for (int i = 0; i < _parameters.Count; i++)
            {
                float m = TensorPrimitives.MaxMagnitude(_parameters[i].Gradient.Span);
                if (!float.IsFinite(m)) return m;
                max = Math.Max(max, Math.Abs(m));
            }
            return max;
        }
    }
}
