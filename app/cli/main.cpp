// diffusion-cli: the headless, scriptable face of Diffusion Studio.
// Results go to standard output (or --out FILE), messages and progress to standard error.
// Exit codes: 0 ok, 1 the job failed, 2 bad/missing/unknown argument, 130 interrupted.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/atomicfile.h"
#include "core/runtime/progress.h"

#include <c10/util/Exception.h>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kVersion = "0.1.0";

std::string failureMessage(const CLI::App* app, const CLI::Error& e) {
  (void)app;
  return std::string("diffusion-cli: error: ") + e.what() + "\nRun with --help for more information.\n";
}

// The examples in the --help texts name the program as "diffusion-cli". Run from a build folder
// (not on PATH), that word is "command not found"; so the examples name the program the way it was
// started: argv[0] when it is a path, else the plain name. Applied once to every footer, here,
// rather than in each command's text.
void nameProgramInExamples(CLI::App& app, const std::string& program) {
  if (program == "diffusion-cli") return;
  const std::string word = "diffusion-cli ";
  auto rewrite = [&](CLI::App* a) {
    std::string text = a->get_footer();
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + program.size() + 1)) {
      text.replace(at, word.size(), program + " ");
    }
    a->footer(text);
  };
  rewrite(&app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) rewrite(sub);
}

// Values that are never meant (issue 13, "silently accepted"): an empty value (`--eta ''` used to
// read as 0) and one that starts with '=' (`-o=x.csv` is CLI11's -o with the value "=x.csv", which
// wrote a file named "=x.csv"). Checked on every option that takes a value, before conversion, so
// the message names the option.
void refuseEmptyAndEqualsValues(CLI::App& app) {
  auto apply = [](CLI::App* a) {
    for (CLI::Option* opt : a->get_options([](CLI::Option* o) { return o->get_type_size_max() > 0; })) {
      const std::vector<std::string>& longs = opt->get_lnames();
      const std::vector<std::string>& shorts = opt->get_snames();
      const std::string longForm = longs.empty() ? std::string() : "--" + longs.front();
      const std::string shortForm = shorts.empty() ? std::string() : "-" + shorts.front();
      opt->check(CLI::Validator(
          [longForm, shortForm](std::string& value) -> std::string {
            if (value.empty()) return "an empty value is not allowed";
            if (value.front() != '=') return {};
            std::string hint = "'" + value + "' starts with '='";
            if (!shortForm.empty()) hint += ": write " + shortForm + " " + value.substr(1);
            if (!longForm.empty()) hint += (shortForm.empty() ? ": write " : " or ") + longForm + value;
            return hint;
          },
          ""));
    }
  };
  apply(&app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) apply(sub);
}

std::string programName(const char* argv0) {
  const std::string name = argv0 ? argv0 : "";
  if (name.find('/') == std::string::npos) return "diffusion-cli";
  if (name.find_first_of(" \t'\"$`\\") != std::string::npos) return "'" + name + "'";  // rare: quote it
  return name;
}

}  // namespace

int main(int argc, char** argv) {
  // A run killed by SIGTERM/SIGHUP (or a Ctrl-C outside a cancellable job) leaves no *.tmp file.
  ds::removeTemporaryFilesOnSignals();
  CLI::App app{"diffusion-cli: denoising diffusion from the command line (Diffusion Studio)"};
  app.name("diffusion-cli");
  app.set_version_flag("--version", std::string("diffusion-cli ") + kVersion);
  // At most one subcommand; "none" is reported after parsing, so that an unknown word gets
  // CLI11's "not expected: WORD" message instead of "a subcommand is required".
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options may also follow the subcommand
  app.failure_message(failureMessage);
  app.footer(
      "Run 'diffusion-cli SUBCOMMAND --help' for a subcommand's options.\n"
      "Exit codes: 0 ok, 1 the job failed, 2 bad or missing argument, 130 interrupted.");

  auto& global = dscli::globalOptions();
  app.add_option("--device", global.device, "Compute device: auto, cpu, cuda or cuda:N")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& name) -> std::string {
            // Only the spelling here; whether CUDA is present is checked when a job needs it.
            if (name == "auto" || name == "cpu" || name == "cuda") return {};
            if (name.rfind("cuda:", 0) == 0 && name.size() > 5 &&
                name.find_first_not_of("0123456789", 5) == std::string::npos) {
              return {};
            }
            return "'" + name + "' is not a device (use auto, cpu, cuda or cuda:N)";
          },
          "", "DEVICE"))
      ->type_name("DEV");
  app.add_flag("--quiet,-q", global.quiet, "No progress or status messages on standard error");

  // One line per subcommand. Modules that register a model loader (e.g. a train command)
  // must come before addSampleCommand, which then offers --model FILE.
  dscli::addScheduleCommand(app);
  dscli::addPosteriorCommand(app);
  dscli::addTrainCommand(app);  // registers the --model loader: keep before addSampleCommand
  dscli::addSampleCommand(app);
  dscli::addChainCommand(app);
  dscli::addImageCommands(app);
  dscli::addEvalImagesCommand(app);
  dscli::addInpaintCommand(app);
  dscli::addEvalInpaintCommand(app);
  dscli::addStepsQualityCommand(app);
  dscli::addNllCommand(app);  // after addTrainCommand: --model uses its loader
  dscli::addVlbCommand(app);
  nameProgramInExamples(app, programName(argc > 0 ? argv[0] : nullptr));
  refuseEmptyAndEqualsValues(app);

  try {
    app.parse(argc, argv);  // runs the chosen subcommand's callback
    if (app.get_subcommands().empty()) {
      std::string names;  // every registered subcommand, so the list never goes stale
      for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        names += (names.empty() ? "" : ", ") + sub->get_name();
      std::fprintf(stderr,
                   "diffusion-cli: error: a subcommand is required: %s\n"
                   "Run with --help for more information.\n",
                   names.c_str());
      return dscli::kExitUsage;
    }
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? dscli::kExitOk : dscli::kExitUsage;
  } catch (const dscli::UsageError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "diffusion-cli: error: %s\nRun with --help for more information.\n", e.what());
    return dscli::kExitUsage;
  } catch (const ds::Cancelled&) {
    std::fprintf(stderr, "diffusion-cli: interrupted\n");
    return dscli::kExitInterrupted;
  } catch (const c10::Error& e) {
    std::fprintf(stderr, "diffusion-cli: error: %s\n", e.what_without_backtrace());
    return dscli::kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "diffusion-cli: error: %s\n", e.what());
    return dscli::kExitFailure;
  }
  return dscli::kExitOk;
}
