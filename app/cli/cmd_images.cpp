// diffusion-cli train-images / train-classifier / sample-images: the class-conditional U-Net on
// Fashion-MNIST and its classifiers.
//
//   train-images --data fashion-mnist --out M.unet [--iters N --batch B --lr LR --seed S
//                --label-dropout P --checkpoint-every SEC --resume M.unet]
//   train-classifier [--clean] --data fashion-mnist --out C.classifier [...]
//   train-inpainter --from fashion-mnist --out I.unet [...]: the inpainting U-Net, fine-tuned
//   sample-images …: an alias of `sample --model …` (image_options.h) with defaults
//
// The three training commands also train data-parallel (--nproc N, or --world-size/--rank/--rendezvous
// across machines; distributed_options.h): rank 0 prints and writes the checkpoints.
//
// Training writes a resumable checkpoint every --checkpoint-every seconds and when it ends,
// including on Ctrl-C, so a long run can be split across sessions with --resume.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/distributed_options.h"
#include "app/cli/image_options.h"
#include "app/cli/progress_printer.h"

#include "core/data/idx.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/inpaintdenoiser.h"
#include "core/models/registry.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"
#include "core/training/classifiertrainer.h"
#include "core/training/imagetrainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace dscli {
namespace {

struct TrainImagesOptions {
  std::string data = "fashion-mnist";
  std::string out;
  std::string resume;
  std::int64_t iters = 3000;
  std::int64_t batch = 128;
  double lr = 1e-3;
  std::uint64_t seed = 0;
  double labelDropout = 0.1;
  double ema = 0.999;
  int baseChannels = 32;
  double checkpointEvery = 300;
  std::int64_t limit = 0;
  int threads = 0;
  DistributedOptions dist;
};

void checkTrainingOptions(const TrainImagesOptions& o) {
  requireInRange("--iters", o.iters, 1, 100'000'000);
  requireInRange("--batch", o.batch, 1, 65536);
  if (!(o.lr > 0 && o.lr <= 1)) throw UsageError("--lr", "must be in (0, 1]");
  if (!(o.labelDropout >= 0 && o.labelDropout <= 1)) throw UsageError("--label-dropout", "must be in [0, 1]");
  if (!(o.ema >= 0 && o.ema < 1)) throw UsageError("--ema", "must be in [0, 1)");
  if (!(o.checkpointEvery >= 0)) throw UsageError("--checkpoint-every", "must be ≥ 0 seconds (0 = only at the end)");
  requireWritableOutput("--out", o.out);  // before loading data and training, not at the first save
}

// The data-parallel plan; --nproc starts the ranks here and does not return.
DistributedPlan planRanks(const TrainImagesOptions& o, const char* command) {
  const DistributedPlan plan = planDistributed(o.dist);
  const int ranks = plan.mode == DistributedPlan::Mode::Launch ? plan.nproc : plan.config.worldSize;
  if (plan.mode != DistributedPlan::Mode::Single && o.batch < ranks) {
    throw UsageError("--batch",
                     "is the global batch and needs at least one row per rank (" + std::to_string(ranks) + " ranks)");
  }
  if (plan.mode == DistributedPlan::Mode::Launch) launchLocalRanks(plan, command);
  return plan;
}

ds::ImageSet loadTrainingSet(const TrainImagesOptions& o) {
  try {
    return ds::loadFashionMnist(o.data, ds::ImageSplit::Train, o.limit);
  } catch (const ds::IdxError& e) {
    throw UsageError("--data", e.what());
  }
}

ds::ImageTrainConfig trainConfig(const TrainImagesOptions& o) {
  ds::ImageTrainConfig config;
  config.batchSize = o.batch;
  config.learningRate = o.lr;
  config.seed = o.seed;
  config.labelDropout = o.labelDropout;
  config.emaDecay = o.ema;
  return config;
}

// Runs a trainer (ImageTrainer or ClassifierTrainer) for --iters steps with progress on stderr, a
// checkpoint every --checkpoint-every seconds and at the end (also after Ctrl-C).
template <class Trainer>
void trainAndSave(Trainer& trainer, const TrainImagesOptions& o, const char* label) {
  const bool quiet = globalOptions().quiet;
  ds::CancelToken cancel;
  auto lastSave = std::chrono::steady_clock::now();
  auto save = [&] {
    // Only rank 0 writes (all ranks hold the same weights). A failure here is an I/O failure of the
    // job (exit 1), --out was checked first.
    if (isMainRank()) trainer.save(o.out);
    lastSave = std::chrono::steady_clock::now();
  };
  std::int64_t done = 0;
  double imagesPerSecond = 0;
  const auto started = std::chrono::steady_clock::now();
  {
    InterruptGuard guard(cancel);
    ProgressPrinter printer(label, quiet, "loss");
    done = trainer.run(
        o.iters,
        [&](const ds::ImageTrainProgress& p) {
          printer.update(ds::Progress{p.runStep, p.runTotal, label, p.loss});
          imagesPerSecond = p.imagesPerSecond;
          const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - lastSave).count();
          if (o.checkpointEvery > 0 && since >= o.checkpointEvery) save();
        },
        cancel);
    printer.endLine();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  save();
  endOfTraining();
  if (!quiet) {
    std::fprintf(stderr, "%s: %lld steps this run, %lld in all, %.0f images/s; wrote %s\n", label,
                 static_cast<long long>(done), static_cast<long long>(trainer.step()), imagesPerSecond, o.out.c_str());
    if (const auto group = ds::currentDataParallelGroup(); group && done > 0) {
      // Rank 0's time inside collectives (the exchange itself and waiting for slower ranks).
      std::fprintf(stderr, "%s: rank 0 spent %.2f s of %.2f s in collectives (%.1f %%), %.1f MB through them\n", label,
                   group->communicationSeconds(), seconds, 100 * group->communicationSeconds() / seconds,
                   double(group->communicationBytes()) / 1e6);
    }
  }
  if (cancel.isCancelled()) throw ds::Cancelled();
}

void trainImages(const TrainImagesOptions& o, const c10::Device& device) {
  const ds::ImageSet set = loadTrainingSet(o);
  const std::string dataName = "fashion-mnist (" + std::to_string(set.images.size(0)) + " training images)";
  std::unique_ptr<ds::ImageTrainer> trainer;
  if (!o.resume.empty()) {
    try {
      trainer = ds::ImageTrainer::resume(o.resume, set.images, set.labels, trainConfig(o), dataName, device);
    } catch (const ds::ImageCheckpointError& e) {
      throw UsageError("--resume", e.what());
    }
  } else {
    ds::UNetConfig arch;
    arch.baseChannels = o.baseChannels;
    arch.numClasses = set.numClasses;
    try {
      trainer = std::make_unique<ds::ImageTrainer>(arch, ds::NoiseSchedule(ds::ScheduleSpec{}), set.images, set.labels,
                                                   trainConfig(o), dataName, device);
    } catch (const std::invalid_argument& e) {
      throw UsageError("--base-channels", e.what());
    }
  }
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "train-images: %s on %s, batch %lld, lr %g, label dropout %g, %d threads, %s%s\n",
                 trainer->model()->name().c_str(), dataName.c_str(), static_cast<long long>(o.batch), o.lr,
                 o.labelDropout, torch::get_num_threads(), ds::describeDevice(device).c_str(),
                 o.resume.empty() ? "" : (", resuming at step " + std::to_string(trainer->step())).c_str());
  }
  trainAndSave(*trainer, o, "train-images");
}

void runTrainImages(const TrainImagesOptions& o) {
  checkTrainingOptions(o);
  const DistributedPlan plan = planRanks(o, "train-images");
  applyThreads(o.threads);  // LibTorch may start with one thread; training wants every core
  const c10::Device device = resolveDevice();
  RankSession rank(plan, device, o.threads);
  rank.run([&] { trainImages(o, device); });
}

// The conditioned inpainting model (core/models/inpaintdenoiser.h): the base U-Net with two more input
// channels (known picture, mask) whose weights start at zero, trained on random masks
// (core/data/masks.h). --resume continues such a run; --from names the base otherwise.
void trainInpainter(const TrainImagesOptions& o, const std::string& from, const c10::Device& device) {
  const ds::ImageSet set = loadTrainingSet(o);
  std::unique_ptr<ds::ImageTrainer> trainer;
  std::string dataName = "fashion-mnist (" + std::to_string(set.images.size(0)) + " training images)";
  if (!o.resume.empty()) {
    try {
      trainer = ds::ImageTrainer::resume(o.resume, set.images, set.labels, trainConfig(o), dataName, device);
    } catch (const ds::ImageCheckpointError& e) {
      throw UsageError("--resume", e.what());
    }
    if (trainer->architecture().conditionChannels != ds::kInpaintConditionChannels)
      throw UsageError("--resume", o.resume + " is not an inpainting model (use train-images to resume it)");
  } else {
    ds::UNetCheckpoint base;
    try {
      base = ds::loadUNetCheckpoint(ds::resolveModelPath(from), device);
    } catch (const std::exception& e) {
      throw UsageError("--from", e.what());
    }
    if (base.meta.architecture.conditionChannels != 0)
      throw UsageError("--from", from + " already has condition channels; give the plain image model");
    ds::UNetConfig arch = base.meta.architecture;
    arch.conditionChannels = ds::kInpaintConditionChannels;
    if (base.meta.architecture.numClasses != set.numClasses)
      throw UsageError("--from", from + " was trained on a different number of classes");
    dataName += ", fine-tuned from " + std::filesystem::path(from).filename().string() + " (" +
                std::to_string(base.meta.training.steps) + " steps) on random masks";
    trainer = std::make_unique<ds::ImageTrainer>(arch, ds::NoiseSchedule(base.meta.schedule), set.images, set.labels,
                                                 trainConfig(o), dataName, device);
    trainer->initFrom(*base.model);
  }
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "train-inpainter: %s on %s, batch %lld, lr %g, label dropout %g, %d threads, %s%s\n",
                 trainer->model()->name().c_str(), dataName.c_str(), static_cast<long long>(o.batch), o.lr,
                 o.labelDropout, torch::get_num_threads(), ds::describeDevice(device).c_str(),
                 o.resume.empty() ? "" : (", resuming at step " + std::to_string(trainer->step())).c_str());
  }
  trainAndSave(*trainer, o, "train-inpainter");
}

void runTrainInpainter(const TrainImagesOptions& o, const std::string& from) {
  checkTrainingOptions(o);
  const DistributedPlan plan = planRanks(o, "train-inpainter");
  applyThreads(o.threads);
  const c10::Device device = resolveDevice();
  RankSession rank(plan, device, o.threads);
  rank.run([&] { trainInpainter(o, from, device); });
}

void trainClassifier(const TrainImagesOptions& o, bool clean, const c10::Device& device) {
  const ds::ImageSet set = loadTrainingSet(o);
  const std::string dataName = "fashion-mnist (" + std::to_string(set.images.size(0)) + " training images)";
  std::unique_ptr<ds::ClassifierTrainer> trainer;
  if (!o.resume.empty()) {
    try {
      trainer = ds::ClassifierTrainer::resume(o.resume, set.images, set.labels, trainConfig(o), dataName, device);
    } catch (const ds::ImageCheckpointError& e) {
      throw UsageError("--resume", e.what());
    }
  } else {
    ds::ClassifierConfig arch;
    arch.baseChannels = o.baseChannels;
    arch.numClasses = set.numClasses;
    arch.timeConditioned = !clean;
    try {
      trainer = std::make_unique<ds::ClassifierTrainer>(arch, ds::NoiseSchedule(ds::ScheduleSpec{}), set.images,
                                                        set.labels, trainConfig(o), dataName, device);
    } catch (const std::invalid_argument& e) {
      throw UsageError("--base-channels", e.what());
    }
  }
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "train-classifier: a %s classifier on %s, batch %lld, lr %g, %d threads, %s\n",
                 clean ? "clean-image" : "noisy (time-conditioned)", dataName.c_str(), static_cast<long long>(o.batch),
                 o.lr, torch::get_num_threads(), ds::describeDevice(device).c_str());
  }
  trainAndSave(*trainer, o, "train-classifier");
  if (!isMainRank()) return;  // rank 0 reports the accuracy
  ds::ImageSet test;
  try {
    test = ds::loadFashionMnist(o.data, ds::ImageSplit::Test);
  } catch (const ds::IdxError&) {
    return;  // no test split next to the training files: nothing to report
  }
  auto net = trainer->net();
  const double clean0 = ds::classifierAccuracy(net, test.images, test.labels, 0);
  std::fprintf(stderr, "train-classifier: test accuracy %.2f %% on clean images", 100 * clean0);
  if (!clean) {
    for (int t : {250, 500, 750}) {
      // Accuracy on noised test images at a few t shows what the guidance gradient can rely on.
      auto gen = ds::makeGenerator(12345, c10::Device(c10::kCPU));
      ds::NoiseSchedule schedule{ds::ScheduleSpec{}};
      auto eps = torch::randn(test.images.sizes(), gen);
      auto xt = test.images * std::sqrt(schedule.alphaBar(t)) + eps * std::sqrt(1 - schedule.alphaBar(t));
      std::fprintf(stderr, ", %.2f %% at t = %d", 100 * ds::classifierAccuracy(net, xt, test.labels, t), t);
    }
  }
  std::fprintf(stderr, "\n");
}

void runTrainClassifier(const TrainImagesOptions& o, bool clean) {
  checkTrainingOptions(o);
  const DistributedPlan plan = planRanks(o, "train-classifier");
  applyThreads(o.threads);  // LibTorch may start with one thread; training wants every core
  const c10::Device device = resolveDevice();
  RankSession rank(plan, device, o.threads);
  rank.run([&] { trainClassifier(o, clean, device); });
}

// A U-Net or classifier checkpoint without its training state: the file the program ships.
void runExportModel(const std::string& in, const std::string& out) {
  if (in.empty() || out.empty()) throw UsageError("--in", "give --in FILE and --out FILE");
  std::string path;
  try {
    path = ds::resolveModelPath(in);
  } catch (const ds::ModelNotFound& e) {
    throw UsageError("--in", e.what());
  }
  std::string kind;
  try {
    ds::saveUNetForSampling(ds::loadUNetCheckpoint(path), out);
    kind = "U-Net (EMA weights)";
  } catch (const ds::ImageCheckpointError& unetError) {
    ds::ClassifierCheckpoint c;
    try {
      c = ds::loadClassifierCheckpoint(path);
    } catch (const ds::ImageCheckpointError&) {
      throw UsageError("--in", unetError.what());  // neither kind: the U-Net loader's message
    }
    ds::saveClassifierForSampling(c, out);
    kind = c.architecture.timeConditioned ? "noisy classifier" : "clean classifier";
  }
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "export-model: %s, %.1f MB → %s, %.1f MB (no training state)\n", kind.c_str(),
                 double(std::filesystem::file_size(path)) / 1e6, out.c_str(),
                 double(std::filesystem::file_size(out)) / 1e6);
  }
}

}  // namespace

void addImageCommands(CLI::App& app) {
  auto o = std::make_shared<TrainImagesOptions>();
  auto* cmd = app.add_subcommand("train-images", "Train the class-conditional image U-Net (Fashion-MNIST)");
  cmd->add_option("--data", o->data, "fashion-mnist (Debian's dataset-fashion-mnist) or a folder of IDX files")
      ->capture_default_str()
      ->type_name("DATA");
  cmd->add_option("--out", o->out, "Checkpoint to write (resumable)")->required()->type_name("FILE");
  cmd->add_option("--resume", o->resume, "Continue the run stored in this checkpoint")->type_name("FILE");
  cmd->add_option("--iters", o->iters, "Optimisation steps (with --resume: further steps)")
      ->capture_default_str()
      ->type_name("N");
  cmd->add_option("--batch", o->batch, "Batch size")->capture_default_str()->type_name("B");
  cmd->add_option("--lr", o->lr, "Adam learning rate (linear warm-up over 200 steps)")
      ->capture_default_str()
      ->type_name("LR");
  cmd->add_option("--seed", o->seed, "Random seed (weights and every draw of training)")
      ->capture_default_str()
      ->type_name("S");
  cmd->add_option("--label-dropout", o->labelDropout,
                  "Share of rows trained with the null label (for classifier-free guidance)")
      ->capture_default_str()
      ->type_name("P");
  cmd->add_option("--ema", o->ema, "EMA decay of the sampling weights")->capture_default_str()->type_name("D");
  cmd->add_option("--base-channels", o->baseChannels, "U-Net channels at full resolution")
      ->capture_default_str()
      ->type_name("C");
  cmd->add_option("--checkpoint-every", o->checkpointEvery,
                  "Also write --out every this many seconds (0 = only at the end)")
      ->capture_default_str()
      ->type_name("SEC");
  cmd->add_option("--limit", o->limit, "Use only the first N training images (0 = all)")
      ->capture_default_str()
      ->type_name("N");
  cmd->add_option("--threads", o->threads, "Intra-op threads (0 = one per core)")
      ->capture_default_str()
      ->type_name("N");
  addDistributedOptions(cmd, o->dist);
  cmd->callback([o] { runTrainImages(*o); });

  auto c = std::make_shared<TrainImagesOptions>();
  c->iters = 2000;
  auto* cc = app.add_subcommand(
      "train-classifier",
      "Train a noisy classifier p(y | x_t, t) for classifier guidance (or, with --clean, a clean-image judge)");
  cc->add_option("--data", c->data, "fashion-mnist (Debian's dataset-fashion-mnist) or a folder of IDX files")
      ->capture_default_str();
  cc->add_option("--out", c->out, "Checkpoint to write (resumable)")->required()->type_name("FILE");
  cc->add_option("--resume", c->resume, "Continue the run stored in this checkpoint")->type_name("FILE");
  cc->add_option("--iters", c->iters, "Optimisation steps")->capture_default_str()->type_name("N");
  cc->add_option("--batch", c->batch, "Batch size")->capture_default_str()->type_name("B");
  cc->add_option("--lr", c->lr, "Adam learning rate")->capture_default_str()->type_name("LR");
  cc->add_option("--seed", c->seed, "Random seed")->capture_default_str()->type_name("S");
  cc->add_option("--base-channels", c->baseChannels, "Channels at full resolution")
      ->capture_default_str()
      ->type_name("C");
  cc->add_option("--checkpoint-every", c->checkpointEvery, "Also write --out every this many seconds")
      ->capture_default_str();
  cc->add_option("--limit", c->limit, "Use only the first N training images (0 = all)")->capture_default_str();
  cc->add_option("--threads", c->threads, "Intra-op threads (0 = one per core)")->capture_default_str();
  auto clean = std::make_shared<bool>(false);
  cc->add_flag("--clean", *clean, "Train on clean images (t = 0): the judge that scores generated samples");
  addDistributedOptions(cc, c->dist);
  cc->callback([c, clean] { runTrainClassifier(*c, *clean); });

  auto ip = std::make_shared<TrainImagesOptions>();
  auto from = std::make_shared<std::string>("fashion-mnist");
  ip->iters = 1500;
  ip->lr = 5e-4;
  ip->labelDropout = 0.5;
  ip->ema = 0.995;
  auto* ic = app.add_subcommand("train-inpainter",
                                "Fine-tune the image U-Net into an inpainting model that sees the known pixels "
                                "and the mask (random strokes, boxes and halves)");
  ic->add_option("--from", *from, "The image model to start from (bundled name or U-Net checkpoint)")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  ic->add_option("--data", ip->data, "fashion-mnist (Debian's dataset-fashion-mnist) or a folder of IDX files")
      ->capture_default_str()
      ->type_name("DATA");
  ic->add_option("--out", ip->out, "Checkpoint to write (resumable)")->required()->type_name("FILE");
  ic->add_option("--resume", ip->resume, "Continue the inpainter run stored in this checkpoint")->type_name("FILE");
  ic->add_option("--iters", ip->iters, "Optimisation steps (with --resume: further steps)")
      ->capture_default_str()
      ->type_name("N");
  ic->add_option("--batch", ip->batch, "Batch size")->capture_default_str()->type_name("B");
  ic->add_option("--lr", ip->lr, "Adam learning rate (linear warm-up over 200 steps)")
      ->capture_default_str()
      ->type_name("LR");
  ic->add_option("--seed", ip->seed, "Random seed (every draw of training: batches, noise, masks)")
      ->capture_default_str()
      ->type_name("S");
  ic->add_option("--label-dropout", ip->labelDropout, "Share of rows trained with the null label")
      ->capture_default_str()
      ->type_name("P");
  ic->add_option("--ema", ip->ema, "EMA decay of the sampling weights")->capture_default_str()->type_name("D");
  ic->add_option("--checkpoint-every", ip->checkpointEvery, "Also write --out every this many seconds")
      ->capture_default_str()
      ->type_name("SEC");
  ic->add_option("--limit", ip->limit, "Use only the first N training images (0 = all)")
      ->capture_default_str()
      ->type_name("N");
  ic->add_option("--threads", ip->threads, "Intra-op threads (0 = one per core)")
      ->capture_default_str()
      ->type_name("N");
  addDistributedOptions(ic, ip->dist);
  ic->callback([ip, from] { runTrainInpainter(*ip, *from); });

  // sample-images: the same image path as `sample --model …` (image_options.h), kept as an alias with
  // defaults for --model, --sampler, --n and --seed.
  auto s = std::make_shared<ImageSampleJob>();
  s->command = "sample-images";
  s->model = "fashion-mnist";
  s->n = 16;
  s->sampler.sampler = "ddim";
  auto* sc = app.add_subcommand("sample-images",
                                "Sample images from an image model: the same as `sample --model NAME|FILE ...`, "
                                "with defaults for --model, --sampler, --n and --seed");
  sc->add_option("--model", s->model, "A bundled model's name or a U-Net checkpoint file")
      ->capture_default_str()
      ->type_name("NAME|FILE");
  addImageOptions(sc, s->image);
  addSamplerOptions(sc, s->sampler, /*samplerRequired=*/false);
  s->sampler.samplingStepsOpt->description("DDIM only: number of steps S (default " +
                                           std::to_string(kDefaultImageDdimSteps) + ")");
  sc->add_option("--n", s->n, "Number of samples")->capture_default_str()->type_name("N");
  addSeedOption(sc, s->seed)->required(false)->capture_default_str();
  sc->add_option("--out", s->out, "Folder for sample_0000.png, …")->type_name("DIR");
  sc->add_option("--grid", s->grid, "One contact sheet PNG")->type_name("FILE");
  sc->add_flag("--timing", s->timing, "Print the sampler's wall time on standard error")->group("");
  sc->footer("The same as: diffusion-cli sample --model NAME|FILE --sampler ddim --n 16 --seed 0 ... (see its --help)");
  sc->callback([s] { runImageSample(*s); });

  auto in = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* ex = app.add_subcommand("export-model",
                                "Write a U-Net or classifier checkpoint without its training state (the file to ship)");
  ex->add_option("--in", *in, "A resumable checkpoint (or a bundled model's name)")->required()->type_name("FILE");
  ex->add_option("--out", *out, "The sampling-only copy to write")->required()->type_name("FILE");
  ex->callback([in, out] { runExportModel(*in, *out); });
}

}  // namespace dscli
