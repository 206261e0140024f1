#include "core/models/registry.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace ds {
namespace {

namespace fs = std::filesystem;

fs::path executableFolder() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

std::vector<std::string> modelSearchFolders() {
  std::vector<std::string> folders;
  if (const char* env = std::getenv("DS_MODELS_DIR"); env && *env) folders.emplace_back(env);
  const fs::path exe = executableFolder();
  if (!exe.empty()) folders.push_back((exe.parent_path() / "share" / "diffusion-studio" / "models").string());
#ifdef DS_SOURCE_DIR
  folders.push_back((fs::path(DS_SOURCE_DIR) / "resources" / "models").string());
#endif
  return folders;
}

std::string resolveModelPath(const std::string& nameOrPath) {
  if (nameOrPath.empty()) throw ModelNotFound("no model given");
  if (isFile(nameOrPath)) return nameOrPath;
  std::error_code ec;
  if (fs::exists(nameOrPath, ec)) throw ModelNotFound(nameOrPath + ": not a regular file");
  const bool looksLikePath = nameOrPath.find('/') != std::string::npos;
  std::string searched;
  if (!looksLikePath) {
    for (const std::string& folder : modelSearchFolders()) {
      for (const char* ext : {"", ".unet", ".classifier", ".ckpt"}) {
        const fs::path candidate = fs::path(folder) / (nameOrPath + ext);
        if (isFile(candidate)) return candidate.string();
      }
      searched += (searched.empty() ? "" : ", ") + folder;
    }
  }
  throw ModelNotFound(
      nameOrPath + ": no such file" +
      (looksLikePath ? std::string() : " and no bundled model of that name (searched " + searched + ")"));
}

}  // namespace ds
