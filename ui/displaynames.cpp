#include "ui/displaynames.h"

#include <QCoreApplication>

namespace ds::ui {

namespace {

constexpr const char* kNamesContext = "ds::ui::DisplayNames";
constexpr const char* kLectureContext = "ds::ui::Lecture";

// Only for lupdate (which reads these calls into the .ts); the program looks texts up by their
// words. Keep in step with core and resources/ — tests/ui/test_translation.cpp says when not.
[[maybe_unused]] const char* const kNames[] = {
    // The noise schedules (core/schedule.h, toString).
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "linear"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "cosine"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "quadratic"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "sigmoid"),
    // The toy data sets (core/data/toys.cpp): title, description.
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Two moons"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "two interleaved half circles"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Swiss roll"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "a 2-D spiral strip"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "8 Gaussians"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "eight small clusters on a circle"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Checkerboard"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "eight uniform squares of a 4x4 board"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Two spirals"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "two interleaved spiral arms"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Concentric rings"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "three noisy circles of radius 1, 2, 3"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "2-D mixture"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "three unequal Gaussian clusters (exact model available)"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "1-D mixture"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "the lecture's two-mode 1-D mixture (exact model available)"),
    // The 2-D mixture presets (resources/presets/mixtures2d.json): name, description.
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Ring of 8"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames",
                      "Eight equal Gaussians (std 0.2) on a circle of radius 2. Click the centre at a large t and "
                      "raise the jump k: the reverse posterior becomes a ring of eight blobs."),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Two unequal blobs"),
    QT_TRANSLATE_NOOP(
        "ds::ui::DisplayNames",
        "A small tight cluster (weight 0.3) and a wide one (weight 0.7): the reverse particles split in that ratio."),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Three clusters"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames",
                      "Three nearly equal clusters on a triangle: the field at low t points to the nearest one."),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "3×3 grid"),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames",
                      "Nine equal narrow Gaussians on a grid with spacing 2: many modes close together merge early in "
                      "the forward process."),
    QT_TRANSLATE_NOOP("ds::ui::DisplayNames", "Standard normal"),
};

[[maybe_unused]] const char* const kLecture[] = {
    // resources/lessons/*.dslesson, in lecture order: title, caption.
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "The forward chain"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "The forward process q: a Markov chain that adds a little Gaussian noise at every step, xₜ = "
                      "√(1−βₜ)·xₜ₋₁ + √βₜ·ε. Press Space to play it from the lecture's two-mode data (t = 0) to t = T: "
                      "watch the two bumps of q(xₜ) blur into a single N(0, 1)."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "The variance schedule βₜ"),
    QT_TRANSLATE_NOOP(
        "ds::ui::Lecture",
        "The schedule: βₜ is tiny and grows with t, so each step is easy to undo. The timeline shows βₜ, ᾱₜ and the "
        "SNR at this t. This is the cosine schedule (Nichol & Dhariwal): compare the particles at t = 250 with the "
        "linear schedule of the previous slide — the signal survives longer."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "q(xₜ | x₀) in one jump"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "Real pictures dissolving into noise. Each row shows xₜ reached by t single steps beside xₜ "
                      "drawn in one jump, √ᾱₜ·x₀ + √(1−ᾱₜ)·ε: they look alike because q(xₜ | x₀) is Gaussian in closed "
                      "form. The histogram reaches N(0, 1) as t grows — scrub t with ← and →."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "A big jump: the posterior has two modes"),
    QT_TRANSLATE_NOOP(
        "ds::ui::Lecture",
        "Where did xₜ come from? The right panel shows the posterior q(xₜ₋ₖ | xₜ) of the marked xₜ = 0 at t = 300. "
        "With a big jump (k = 250) it has two modes: the chain could have come from either bump, so no single Gaussian "
        "step can describe it. Drag xₜ in the histogram and watch the two modes trade weight."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "A small step: the posterior is Gaussian"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "The same xₜ = 0 at t = 300, now one small step back (k = 1): q(xₜ₋₁ | xₜ) is a single narrow "
                      "bump, almost exactly the Gaussian step the model uses. This is why diffusion takes ~1000 small "
                      "steps. Drag the jump k slider up and watch the second mode appear."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "Posteriors in 2-D"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "The same idea in the plane: the arrows are the score ∇log q(xₜ), pointing back towards the "
                      "data. The marked xₜ's reverse posterior q(xₜ₋₁ | xₜ) (right) is a small Gaussian; click "
                      "anywhere in the plane to move xₜ, and raise k to see it spread over several clusters."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "The reverse process: sampling"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "Reverse direction: particles start as pure noise at t = T and are denoised step by step with "
                      "the exact ε-predictor. Press Space to play the chain down to t = 0 and watch the particles find "
                      "the clusters along the score field."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "Training with ε-prediction"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "Training: the network ε_θ(xₜ, t) learns to predict the noise ε that made xₜ from x₀ (L_simple, "
                      "Ho et al. 2020). Press Train: the loss (right) falls, and the model's samples (orange, left) "
                      "take the shape of the two moons; the loss per band of t shows which noise levels are hardest."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "Guidance"),
    QT_TRANSLATE_NOOP(
        "ds::ui::Lecture",
        "Sandals sampled from the same noise x_T twice: A (top) without guidance, B (below) with classifier-free "
        "guidance ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)), w = 3. Guidance trades variety for samples that look more like the "
        "class. Scrub t to compare xₜ with the predicted x̂₀, and click a sample to see its whole trajectory."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "Inpainting"),
    QT_TRANSLATE_NOOP("ds::ui::Lecture",
                      "Inpainting: the masked (orange) part of the picture is filled in, the rest is kept. Replacement "
                      "overwrites the kept part with a noised copy after every step (seams can show), RePaint "
                      "resamples each block r times, and the inpainting model sees the clean context. Compare the seam "
                      "scores on the right; paint your own mask and press Inpaint."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "Inpainting where the truth is known"),
    QT_TRANSLATE_NOOP(
        "ds::ui::Lecture",
        "Inpainting where the truth is known: x₂ = c is observed and x₁ is filled in. Each method's histogram (right) "
        "is drawn over the exact conditional q(x₁ | x₂ = c), with its KS distance. Replacement (red) sees only a noisy "
        "copy of the context and lands far from the truth; RePaint's resampling and the conditioned model follow it. "
        "Drag the dashed line and scrub t to see where the paths commit."),
    QT_TRANSLATE_NOOP("ds::ui::Lecture", "The variational bound, term by term"),
    QT_TRANSLATE_NOOP(
        "ds::ui::Lecture",
        "The variational lower bound as a sum of KL terms: −log p(x₀) ≤ L₀ + Σ L_{t−1} + L_T, where each L_{t−1} "
        "compares the model's Gaussian step with the true posterior q(xₜ₋₁ | xₜ, x₀) in closed form (bars, log scale). "
        "Its total lies above the data's exact NLL. Below: the weight λₜ the bound puts on ‖ε − ε̂‖² at each t; "
        "L_simple drops these weights, which shifts training away from the low-noise steps. Scrub t to read each "
        "term."),
};

}  // namespace

QString displayName(const QString& english) {
  return QCoreApplication::translate(kNamesContext, english.toUtf8().constData());
}

QString displayName(const std::string& english) { return QCoreApplication::translate(kNamesContext, english.c_str()); }

QString lectureText(const QString& english) {
  return QCoreApplication::translate(kLectureContext, english.toUtf8().constData());
}

}  // namespace ds::ui
