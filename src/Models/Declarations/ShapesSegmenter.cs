namespace Specialized.Models;

/// <summary>
/// A small encoder-decoder for per-pixel classification of 16×16 images (background, circle, square):
/// the encoder halves the resolution once, a transposed convolution brings it back, and a skip
/// concatenation from the first layer restores the detail the pool dropped (as in U-Net). The output
/// <c>[3, 16, 16]</c> holds the class scores of every pixel; softmax cross-entropy is taken per pixel.
/// </summary>
[Model(Channels = 1, Height = 16, Width = 16, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]            // 0: [8, 16, 16]
[MaxPool(2)]                                            // 1: [8, 8, 8]
[Conv2D(16, 3, Activation.Relu, Padding = 1)]           // 2: [16, 8, 8]
[ConvTranspose2D(8, 2, Activation.Relu, Stride = 2)]    // 3: [8, 16, 16]
[ConcatFrom(0)]                                         // 4: [16, 16, 16]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]            // 5: [8, 16, 16]
[Conv2D(3, 1)]                                          // 6: [3, 16, 16] per-pixel class scores
public partial class ShapesSegmenter;
