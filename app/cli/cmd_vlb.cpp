// diffusion-cli vlb: the variational bound term by term, averaged over the points (or test images):
// one row per term L_t, t = 0..T (L_0 the decoder, L_1..L_{T-1} the denoising KLs, L_T the prior),
// from the exact sum over every t with one x_t draw per t per point (core/likelihood/vlb.h).
//
//   vlb --gmm SPEC --kind K --steps T (--points FILE | --n N) [--variance large|small]
//   vlb --model FILE --points FILE
//   vlb --model fashion-mnist --images N

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/likelihood_options.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"

#include "core/likelihood/vlb.h"
#include "core/runtime/device.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

namespace dscli {
namespace {

constexpr double kLn2 = 0.69314718055994530942;

struct VlbCommandOptions {
  LikelihoodSourceOptions source;
  std::string variance = "large";
  long long batch = 0;
  std::string format;
  std::string out;
};

void runVlbCommand(const VlbCommandOptions& o) {
  ds::VlbOptions v;
  try {
    v.variance = ds::parseVlbVariance(o.variance);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--variance", e.what());
  }
  requireInRange("--batch", o.batch, 0, 1'000'000);
  if (!o.out.empty() && o.out != "-") requireWritableOutput("--out", o.out);  // before any work
  const c10::Device device = resolveDevice();
  const LikelihoodData d = loadLikelihoodData(o.source, /*needDenoiser=*/true, device);
  const int T = d.schedule->steps();
  const double N = static_cast<double>(d.x0.size(0));
  requireMemory(d.images ? "--images" : "--points", N * T * 8.0 * 3.0, "a term of every point and t in double",
                "evaluate fewer points");
  v.decoder = d.images ? ds::VlbDecoder::Discretized : ds::VlbDecoder::Continuous;
  v.clipX0 = d.images;
  v.doubleInput = d.hasMixture;
  v.batchRows = o.batch > 0 ? o.batch : (d.images ? 64 : 4096);
  v.seed = deriveSeed(o.source.seed, 2);
  v.device = device;

  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  const std::string label = "vlb (" + ds::describeDevice(device) + ")";
  ProgressPrinter printer(label, globalOptions().quiet);
  const auto start = std::chrono::steady_clock::now();
  const ds::VlbResult r = ds::variationalBound(*d.denoiser, *d.schedule, d.x0, v, printer.callback(), cancel);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printer.endLine();

  // Row t holds L_t; L_0 is the density of x_0 and carries a normalised model's Jacobian.
  at::Tensor terms = r.terms.cpu();
  terms.select(1, 0).add_(d.logJacobian);
  const at::Tensor mean = terms.mean(0);
  const at::Tensor sem = N > 1 ? terms.std(0) / std::sqrt(N) : at::zeros_like(mean);
  Table table;
  auto& t = table.addColumn("t", ColumnKind::Integer, static_cast<std::size_t>(T + 1));
  auto& term = table.addColumn("term_nats", ColumnKind::Double, static_cast<std::size_t>(T + 1));
  auto& se = table.addColumn("std_error", ColumnKind::Double, static_cast<std::size_t>(T + 1));
  for (int i = 0; i <= T; ++i) {
    t.values.push_back(i);
    term.values.push_back(mean[i].item<double>());
    se.values.push_back(sem[i].item<double>());
  }
  const at::Tensor total = terms.sum(1);
  const double totalMean = total.mean().item<double>();
  const double totalSem = N > 1 ? total.std().item<double>() / std::sqrt(N) : 0.0;
  const double D = static_cast<double>(d.dims);
  nlohmann::json meta = d.meta;
  meta["points"] = static_cast<long long>(N);
  meta["dims"] = d.dims;
  meta["variance"] = o.variance;
  meta["seed"] = o.source.seed;
  meta["vlb_nats"] = totalMean;
  meta["vlb_std_error"] = totalSem;
  meta["vlb_bits_per_dim"] = totalMean / (D * kLn2);
  meta["seconds"] = seconds;
  meta["evaluations"] = r.evaluations;
  std::string exactNote;
  if (d.hasMixture) {
    const at::Tensor nll = ds::mixtureNegLogLikelihood(d.mixture, d.x0);
    const double exact = nll.mean().item<double>();
    const double gapSem = N > 1 ? (total - nll).std().item<double>() / std::sqrt(N) : 0.0;
    meta["exact_nll_nats"] = exact;
    meta["gap_nats"] = totalMean - exact;
    meta["gap_std_error"] = gapSem;
    char line[200];
    std::snprintf(line, sizeof line, "; exact -log q(x_0) %.6g nats, gap %.4g ± %.2g", exact, totalMean - exact,
                  gapSem);
    exactNote = line;
  }
  Output out(o.out);
  writeTable(out, table, o.format, meta);
  out.commit();
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "%s: %lld %s, VLB %.6g ± %.2g nats = %.6g bits/dim%s, %.2f s\n", label.c_str(),
                 static_cast<long long>(N), d.images ? "images" : "points", totalMean, totalSem, totalMean / (D * kLn2),
                 exactNote.c_str(), seconds);
  }
}

}  // namespace

void addVlbCommand(CLI::App& app) {
  auto o = std::make_shared<VlbCommandOptions>();
  auto* cmd = app.add_subcommand("vlb", "The variational bound term by term: the mean of each L_t over the points");
  addLikelihoodSourceOptions(cmd, o->source);
  cmd->add_option("--variance", o->variance, "sigma_t^2 = beta_t (large) or beta~_t (small)")
      ->capture_default_str()
      ->type_name("V");
  cmd->add_option("--batch", o->batch, "Rows per denoiser call (0 = 4096 points or 64 images)")
      ->capture_default_str()
      ->type_name("B");
  addFormatOption(cmd, o->format);
  addOutOption(cmd, o->out);
  cmd->footer(
      "Columns: t (0..T), term_nats (the mean of L_t over the points: L_0 = -log p(x_0|x_1), L_t the KL of\n"
      "step t+1 for 1 <= t < T, L_T the prior KL), std_error (of that mean). The rows sum to the VLB. The\n"
      "total, its bits/dim and, with --gmm, the exact -log q(x_0) and the gap go to standard error (and\n"
      "to the JSON). Every t is visited for every point (N x T denoiser rows).\n"
      "Example: diffusion-cli vlb --gmm '0.5:-2:0.4;0.5:2:0.4' --kind linear --steps 1000 --n 1000 --seed 1");
  cmd->callback([o] { runVlbCommand(*o); });
}

}  // namespace dscli
