// diffusion-cli eval-inpaint: issue 10's image figures. The first --n pictures of the Fashion-MNIST
// test split are masked (lower half, central box or a PNG) and filled by each method from the same
// starting noise; the clean judge (train-classifier --clean) labels the results against the true
// labels, the seam metric (core/eval/imageinpaint.h) says how well the filled part meets the kept
// one, and the wall time per picture is measured.
//
//   eval-inpaint --mask lower-half|central-box|FILE [--methods replace,repaint,conditioned] [--n 200]
//                [--jump 10 --resample 5] [--sampler ddim --sampling-steps 50 --eta 1] [--batch 50]
//                --seed S [--format text|json] [--out FILE]

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/image_options.h"
#include "app/cli/inpaint_images.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"

#include "core/data/idx.h"
#include "core/data/masks.h"
#include "core/data/png.h"
#include "core/eval/imageinpaint.h"
#include "core/models/inpaintdenoiser.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace dscli {
namespace {

struct EvalInpaintOptions {
  std::string model = "fashion-mnist";
  std::string inpainter = "fashion-mnist-inpaint";
  std::string judge = "fashion-mnist-judge";
  std::string mask = "lower-half";
  std::string methods = "replace,repaint,conditioned";
  SamplerOptions sampler;
  int jump = 10;
  int resample = 5;
  long long n = 200;
  long long batch = 50;
  std::uint64_t seed = 0;
  int threads = 0;
  std::string format = "text";
  std::string out;
};

struct MethodScore {
  ds::InpaintMethod method;
  long long correct = 0;
  double seam = 0;  // mean over pictures
  double seconds = 0;
};

std::vector<ds::InpaintMethod> parseMethods(const std::string& text) {
  std::vector<ds::InpaintMethod> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      out.push_back(ds::parseInpaintMethod(item));
    } catch (const std::invalid_argument& e) {
      throw UsageError("--methods", e.what());
    }
  }
  if (out.empty()) throw UsageError("--methods", "name at least one method");
  return out;
}

void runEvalInpaint(const EvalInpaintOptions& o) {
  requireInRange("--n", o.n, 1, 10'000);
  requireInRange("--batch", o.batch, 1, 1'000);
  requireInRange("--jump", o.jump, 1, 1000);
  requireInRange("--resample", o.resample, 1, 100);
  const auto methods = parseMethods(o.methods);
  applyThreads(o.threads);
  const c10::Device device = resolveDevice();
  const auto models = loadInpaintModelsFor(o.model, o.inpainter, methods, device);
  const auto& a = models->meta.architecture;
  ds::ClassifierCheckpoint judge = loadJudge(o.judge, a, models->unetPath, device);
  const at::Tensor mask = readInpaintMask(o.mask, a.imageSize).view({1, 1, a.imageSize, a.imageSize}).to(device);
  ds::ImageSet test;
  try {
    test = ds::loadFashionMnist("fashion-mnist", ds::ImageSplit::Test, o.n);
  } catch (const std::exception& e) {
    throw UsageError("--n", e.what());
  }
  const long long n = test.images.size(0);
  Output out(o.out);  // fail on a bad --out before the long run

  ds::SampleRequest base;
  const bool samplerGiven = o.sampler.samplerOpt && o.sampler.samplerOpt->count() > 0;
  base.kind = samplerGiven ? ds::parseSamplerKind(o.sampler.sampler) : ds::SamplerKind::Ddim;
  const int steps = base.kind == ds::SamplerKind::Ddim
                        ? (o.sampler.samplingStepsOpt->count() > 0 ? o.sampler.samplingSteps : 50)
                        : a.steps;
  requireInRange("--sampling-steps", steps, 1, a.steps);
  base.samplingSteps = base.kind == ds::SamplerKind::Ddim ? steps : 0;
  base.eta = o.sampler.etaOpt->count() > 0 ? o.sampler.eta : 1.0;
  base.device = device;
  base.clipX0 = true;
  // Every picture's x_T, drawn once: all methods start from the same noise.
  at::Generator gen = ds::makeGenerator(o.seed, c10::Device(c10::kCPU));
  const at::Tensor xT = at::randn({n, a.imageChannels, a.imageSize, a.imageSize}, gen);
  const ds::NoiseSchedule schedule(models->meta.schedule);
  auto judgeLabels = [&](const at::Tensor& x) {
    torch::NoGradGuard g;
    return judge.net
        ->forward(x.to(device), torch::zeros({x.size(0)}, torch::TensorOptions().dtype(torch::kLong).device(device)))
        .argmax(1)
        .cpu();
  };
  const at::Tensor truth = test.labels.cpu();
  const long long originalCorrect = judgeLabels(test.images).eq(truth).sum().item<std::int64_t>();
  double originalSeam = 0;
  for (double v : ds::seamMetric(test.images, mask.cpu())) originalSeam += v / double(n);

  long long evaluationsPerPicture = 0;
  for (auto m : methods) evaluationsPerPicture += m == ds::InpaintMethod::Repaint ? steps * o.resample : steps;
  std::vector<MethodScore> scores;
  {
    ds::CancelToken cancel;
    InterruptGuard guard(cancel);
    ProgressPrinter printer("eval-inpaint (" + ds::describeDevice(device) + ")", globalOptions().quiet);
    const long long batches = (n + o.batch - 1) / o.batch;
    long long done = 0;  // model evaluations × pictures, for the progress bar
    for (auto method : methods) {
      MethodScore score{method};
      const long long cost = method == ds::InpaintMethod::Repaint ? steps * o.resample : steps;
      for (long long b = 0; b < batches; ++b) {
        const long long begin = b * o.batch, end = std::min(n, begin + o.batch);
        const at::Tensor known = test.images.slice(0, begin, end).to(device);
        std::shared_ptr<const ds::Denoiser> model = models->unet;
        if (method == ds::InpaintMethod::Conditioned)
          model = std::make_shared<ds::InpaintUNetDenoiser>(models->inpainter, known, mask);
        ds::InpaintRequest request;
        request.method = method;
        request.known = known;
        request.mask = mask;
        request.jump = o.jump;
        request.resample = o.resample;
        request.sampler = base;
        request.sampler.n = end - begin;
        request.sampler.xT = xT.slice(0, begin, end).to(device);
        request.sampler.labels = torch::full({end - begin}, a.numClasses, torch::TensorOptions().dtype(torch::kLong));
        request.sampler.seed = deriveSeed(o.seed, static_cast<std::uint64_t>(b) + 1);
        const auto t0 = std::chrono::steady_clock::now();
        const ds::Trajectory traj = ds::inpaint(
            *model, schedule, request,
            [&](const ds::Progress& p) {
              printer.update(ds::Progress{done + (end - begin) * cost * p.step / std::max(1LL, p.total),
                                          n * evaluationsPerPicture, p.stage});
            },
            cancel);
        score.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        done += (end - begin) * cost;
        score.correct += judgeLabels(traj.final()).eq(truth.slice(0, begin, end)).sum().item<std::int64_t>();
        for (double v : ds::seamMetric(traj.final(), mask.cpu())) score.seam += v / double(n);
      }
      scores.push_back(score);
    }
    printer.finish();
  }

  const std::string samplerText = toString(base.kind) + " " + std::to_string(steps) + " steps" +
                                  (base.kind == ds::SamplerKind::Ddim ? ", eta " + num(base.eta) : std::string());
  if (o.format == "json") {
    nlohmann::json j;
    j["model"] = models->unetPath;
    j["inpainter"] = models->inpainterPath;
    j["judge"] = o.judge;
    j["mask"] = o.mask;
    j["pictures"] = n;
    j["sampler"] = samplerText;
    j["jump"] = o.jump;
    j["resample"] = o.resample;
    j["seed"] = o.seed;
    j["device"] = ds::describeDevice(device);
    j["original"] = {{"accuracy", double(originalCorrect) / double(n)}, {"seam", originalSeam}};
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : scores) {
      rows.push_back({{"method", ds::toString(s.method)},
                      {"accuracy", double(s.correct) / double(n)},
                      {"seam", s.seam},
                      {"seconds_per_picture", s.seconds / double(n)}});
    }
    j["methods"] = rows;
    out.write(j.dump(2) + "\n");
  } else {
    char line[200];
    std::string text = "eval-inpaint: " + std::to_string(n) + " test pictures, mask " + o.mask + ", " + samplerText +
                       ", RePaint j = " + std::to_string(o.jump) + " r = " + std::to_string(o.resample) + ", seed " +
                       std::to_string(o.seed) + ", " + ds::describeDevice(device) + "; judge " + o.judge + "\n";
    text += "method        judge accuracy   seam     time per picture\n";
    std::snprintf(line, sizeof line, "%-12s  %6.1f %%         %.4f   -\n", "original", 100.0 * originalCorrect / n,
                  originalSeam);
    text += line;
    for (const auto& s : scores) {
      std::snprintf(line, sizeof line, "%-12s  %6.1f %%         %.4f   %.3f s\n", ds::toString(s.method).c_str(),
                    100.0 * s.correct / n, s.seam, s.seconds / double(n));
      text += line;
    }
    out.write(text);
  }
  out.commit();
}

}  // namespace

void addEvalInpaintCommand(CLI::App& app) {
  auto o = std::make_shared<EvalInpaintOptions>();
  o->sampler.sampler = "ddim";
  auto* cmd = app.add_subcommand(
      "eval-inpaint",
      "Score the inpainting methods on masked Fashion-MNIST test pictures (judge accuracy, seam, time)");
  cmd->footer(
      "The first --n test pictures are masked and filled by each method from the same starting noise,\n"
      "with the null label (no class is given). The judge labels the results against the true labels;\n"
      "the seam is the mean squared step across the mask's boundary (the original's is shown too).\n"
      "Defaults: DDIM-50 with eta 1. Progress goes to standard error; Ctrl-C cancels.\n"
      "Example (issue 10's figures):\n"
      "  diffusion-cli eval-inpaint --mask lower-half --n 200 --seed 1");
  cmd->add_option("--model", o->model, "The image U-Net for replace and repaint")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  cmd->add_option("--inpainter", o->inpainter, "The inpainting U-Net for conditioned")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  cmd->add_option("--judge", o->judge, "The clean classifier that labels the results")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  cmd->add_option("--mask", o->mask, "lower-half, central-box or a PNG (white = fill)")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  cmd->add_option("--methods", o->methods, "Comma-separated methods")->capture_default_str()->type_name("LIST");
  cmd->add_option("--jump", o->jump, "RePaint jump length j (sampler steps)")->capture_default_str()->type_name("J");
  cmd->add_option("--resample", o->resample, "RePaint resampling r")->capture_default_str()->type_name("R");
  addSamplerOptions(cmd, o->sampler, /*samplerRequired=*/false);
  o->sampler.samplingStepsOpt->description("DDIM only: number of steps S (default 50)");
  o->sampler.etaOpt->description("DDIM only: stochasticity eta (default 1)");
  cmd->add_option("--n", o->n, "Test pictures (the first N)")->capture_default_str()->type_name("N");
  cmd->add_option("--batch", o->batch, "Pictures filled at once")->capture_default_str()->type_name("B");
  addSeedOption(cmd, o->seed);
  cmd->add_option("--threads", o->threads, "Intra-op threads (0 = one per core)")
      ->capture_default_str()
      ->type_name("N");
  cmd->add_option("--format", o->format, "text or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  addOutOption(cmd, o->out);
  cmd->callback([o] { runEvalInpaint(*o); });
}

}  // namespace dscli
