// diffusion-cli eval-images: how recognisable an image model's samples are. It draws --per-class
// samples of each class (sample i gets class i mod K) with the given guidance and sampler, lets a
// clean classifier (`train-classifier --clean`, the judge) label them, and reports the share the
// judge puts in the intended class, per class and overall — issue 9's quality figure.
//
//   eval-images --model fashion-mnist --judge FILE --guidance none|cfg|classifier [--scale W]
//               [--per-class 100] [--sampler ddim --sampling-steps 50] --seed S [--batch 100]
//
// Reproducible: every starting x_T comes from one generator seeded with --seed, drawn before any
// batch runs, and batch b's sampler noise (DDPM, DDIM with η > 0) from deriveSeed(seed, b + 1), so
// the same seed, --batch and device give the same numbers (with deterministic DDIM, any --batch).

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/image_options.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"

#include "core/data/idx.h"
#include "core/models/registry.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"
#include "core/training/classifiertrainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace dscli {
namespace {

struct EvalOptions {
  std::string model = "fashion-mnist";
  std::string judge;
  ImageOptions image;
  SamplerOptions sampler;
  long long perClass = 100;
  long long batch = 100;
  std::uint64_t seed = 0;
  std::string format = "text";
  std::string out;
};

// confusion[y][p]: samples meant as class y that the judge put in class p.
using Confusion = std::vector<std::vector<long long>>;

void writeText(Output& out, const EvalOptions& o, const std::string& header, const Confusion& confusion, double seconds,
               double sampleSeconds, long long samplerSteps) {
  const auto& names = ds::fashionMnistClassNames();
  std::string text = header + "\nclass             correct   accuracy\n";
  long long correct = 0, total = 0;
  char line[160];
  for (std::size_t y = 0; y < confusion.size(); ++y) {
    long long n = 0;
    for (long long c : confusion[y]) n += c;
    const long long hit = confusion[y][y];
    correct += hit;
    total += n;
    const std::string name = std::to_string(y) + " " + (y < names.size() ? names[y] : std::string());
    std::snprintf(line, sizeof line, "%-14s %6lld/%-6lld %6.1f %%\n", name.c_str(), hit, n, 100.0 * hit / n);
    text += line;
  }
  std::snprintf(line, sizeof line, "%-14s %6lld/%-6lld %6.1f %%\n", "overall", correct, total, 100.0 * correct / total);
  text += line;
  std::snprintf(line, sizeof line,
                "time: %.1f s in all, sampling %.1f s (%.1f ms per sampler step of a batch of %lld)\n", seconds,
                sampleSeconds, 1000.0 * sampleSeconds / double(samplerSteps), o.batch);
  text += line;
  out.write(text);
}

void runEval(const EvalOptions& o) {
  requireInRange("--per-class", o.perClass, 1, 100'000);
  requireInRange("--batch", o.batch, 1, 10'000);
  if (o.image.guidance == "unconditional") {
    throw UsageError("--guidance",
                     "unconditional samples have no intended class to score; use none, cfg or classifier");
  }
  const auto start = std::chrono::steady_clock::now();
  applyThreads(o.image.threads);
  const c10::Device device = resolveDevice();
  const ImageModel model = loadImageModel(o.model, device);
  ds::ClassifierCheckpoint judge = loadJudge(o.judge, model.checkpoint.meta.architecture, model.path, device);
  const DenoiserSource source = makeImageSource(o.image, model, device);
  Output out(o.out);  // fail on a bad --out before the long run

  ds::SampleRequest request;
  applyImageSamplerOptions(o.sampler, model.schedule->steps(), request);
  request.device = device;
  const int classes = model.numClasses();
  const long long total = o.perClass * classes;
  ImageOptions all = o.image;
  all.cls = "all";
  const at::Tensor labels = imageLabels(all, classes, total);  // sample i: class i mod K
  std::vector<std::int64_t> shape{total};
  shape.insert(shape.end(), source.sampleShape.begin(), source.sampleShape.end());
  at::Generator gen = ds::makeGenerator(o.seed, device);
  const at::Tensor xT = at::randn(shape, gen, at::TensorOptions().dtype(at::kFloat).device(device));

  const long long batches = (total + o.batch - 1) / o.batch;
  const long long stepsPerBatch = request.kind == ds::SamplerKind::Ddim && request.samplingSteps > 0
                                      ? request.samplingSteps
                                      : model.schedule->steps();
  Confusion confusion(static_cast<std::size_t>(classes), std::vector<long long>(static_cast<std::size_t>(classes), 0));
  double sampleSeconds = 0;
  {
    ds::CancelToken cancel;
    InterruptGuard guard(cancel);
    ProgressPrinter printer("eval-images (" + o.sampler.sampler + ", " + ds::describeDevice(device) + ")",
                            globalOptions().quiet);
    for (long long b = 0; b < batches; ++b) {
      const long long begin = b * o.batch, end = std::min(total, begin + o.batch);
      request.n = end - begin;
      request.xT = xT.slice(0, begin, end);
      request.labels = labels.slice(0, begin, end);
      request.seed = deriveSeed(o.seed, static_cast<std::uint64_t>(b) + 1);
      const auto t0 = std::chrono::steady_clock::now();
      const ds::Trajectory traj = ds::sample(
          *source.denoiser, *source.schedule, request,
          [&](const ds::Progress& p) {
            printer.update(ds::Progress{b * stepsPerBatch + p.step, batches * stepsPerBatch, p.stage});
          },
          cancel);
      sampleSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      torch::NoGradGuard noGrad;
      const at::Tensor x0 = traj.final().to(device);
      const at::Tensor predicted =
          judge.net->forward(x0, torch::zeros({request.n}, torch::TensorOptions().dtype(torch::kLong).device(device)))
              .argmax(1)
              .cpu();
      const auto* p = predicted.data_ptr<std::int64_t>();
      for (long long i = 0; i < request.n; ++i) ++confusion[std::size_t((begin + i) % classes)][std::size_t(p[i])];
    }
    printer.finish();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string samplerText = o.sampler.sampler + " " + std::to_string(stepsPerBatch) + " steps" +
                                  (request.kind == ds::SamplerKind::Ddim ? ", eta " + num(request.eta) : std::string());
  if (o.format == "json") {
    nlohmann::json j = source.meta;
    j["judge"] = o.judge;
    j["sampler"] = o.sampler.sampler;
    j["sampling_steps"] = stepsPerBatch;
    if (request.kind == ds::SamplerKind::Ddim) j["eta"] = request.eta;
    j["per_class"] = o.perClass;
    j["batch"] = o.batch;
    j["seed"] = o.seed;
    j["device"] = ds::describeDevice(device);
    long long correct = 0;
    nlohmann::json rows = nlohmann::json::array();
    const auto& names = ds::fashionMnistClassNames();
    for (std::size_t y = 0; y < confusion.size(); ++y) {
      const long long hit = confusion[y][y];
      correct += hit;
      rows.push_back({{"class", y},
                      {"name", y < names.size() ? names[y] : std::string()},
                      {"correct", hit},
                      {"total", o.perClass},
                      {"accuracy", double(hit) / double(o.perClass)}});
    }
    j["classes"] = rows;
    j["correct"] = correct;
    j["total"] = total;
    j["accuracy"] = double(correct) / double(total);
    j["confusion"] = confusion;  // rows: intended class, columns: the judge's class
    j["seconds"] = seconds;
    j["sampling_seconds"] = sampleSeconds;
    out.write(j.dump(2) + "\n");
  } else {
    const std::string header = "eval-images: " + model.path + ", " + describeGuidance(o.image) + ", " + samplerText +
                               ", " + std::to_string(o.perClass) + " per class, seed " + std::to_string(o.seed) + ", " +
                               ds::describeDevice(device) + "; judge " + o.judge;
    writeText(out, o, header, confusion, seconds, sampleSeconds, batches * stepsPerBatch);
  }
  out.commit();
}

}  // namespace

void addEvalImagesCommand(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  o->sampler.sampler = "ddim";
  auto* cmd = app.add_subcommand(
      "eval-images", "Score an image model: a clean classifier labels per-class samples; prints the accuracy");
  cmd->footer(
      "Draws --per-class samples of each class (sample i gets class i mod 10) and reports, per class and\n"
      "overall, the share that the judge (a clean classifier: train-classifier --clean) puts in the\n"
      "intended class, and the time taken. Progress goes to standard error; Ctrl-C cancels.\n"
      "Example (issue 9's figure):\n"
      "  diffusion-cli eval-images --model fashion-mnist --judge judge.classifier --guidance cfg \\\n"
      "           --sampler ddim --sampling-steps 50 --seed 1");
  cmd->add_option("--model", o->model, "A bundled model's name or a U-Net checkpoint file")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  cmd->add_option("--judge", o->judge, "The clean classifier that labels the samples (a bundled name or a file)")
      ->required()
      ->type_name("NAME|FILE");
  addImageOptions(cmd, o->image, /*withClass=*/false);
  addSamplerOptions(cmd, o->sampler, /*samplerRequired=*/false);
  o->sampler.samplingStepsOpt->description("DDIM only: number of steps S (default " +
                                           std::to_string(kDefaultImageDdimSteps) + ")");
  cmd->add_option("--per-class", o->perClass, "Samples of each class")->capture_default_str()->type_name("N");
  cmd->add_option("--batch", o->batch, "Samples generated at once")->capture_default_str()->type_name("B");
  addSeedOption(cmd, o->seed);
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  addOutOption(cmd, o->out);
  cmd->callback([o] { runEval(*o); });
}

}  // namespace dscli
