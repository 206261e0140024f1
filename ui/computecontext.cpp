#include "ui/computecontext.h"

#include "core/runtime/device.h"

#include <QRegularExpression>

#include <stdexcept>
#include <utility>

namespace ds::ui {

namespace {

ComputeContext::Backend withDefaults(ComputeContext::Backend b) {
  if (!b.choose) b.choose = [](const std::string& preference) { return ds::chooseDevice(preference); };
  if (!b.cudaAvailable) b.cudaAvailable = [] { return ds::cudaAvailable(); };
  if (!b.describe) b.describe = [](const c10::Device& device) { return ds::describeDevice(device); };
  return b;
}

QString normalised(const QString& preference) {
  const QString p = preference.trimmed().toLower();
  return p.isEmpty() ? QStringLiteral("auto") : p;
}

}  // namespace

ComputeContext::ComputeContext(QObject* parent) : ComputeContext(Backend{}, parent) {}

ComputeContext::ComputeContext(Backend backend, QObject* parent)
    : QObject(parent), m_backend(withDefaults(std::move(backend))) {
  // "auto" never throws: it is CUDA only where CUDA is present.
  setPreference(QStringLiteral("auto"));
}

bool ComputeContext::isValidPreference(const QString& preference) {
  // The names core's chooseDevice accepts.
  static const QRegularExpression kNames(QStringLiteral("^(auto|cpu|cuda|cuda:[0-9]{1,4})$"));
  return kNames.match(normalised(preference)).hasMatch();
}

bool ComputeContext::setPreference(const QString& preference, QString* message) {
  const QString p = normalised(preference);
  if (!isValidPreference(p)) {
    if (message) *message = tr("Unknown device “%1”: choose auto, cpu, cuda or cuda:N.").arg(preference);
    return false;
  }
  c10::Device device(c10::kCPU);
  bool exact = true;
  try {
    device = m_backend.choose(p.toStdString());
  } catch (const std::exception& e) {
    // No CUDA in this build or machine, or no GPU with that number: the CPU always works.
    exact = false;
    if (message) *message = tr("%1; using the CPU instead.").arg(QString::fromUtf8(e.what()));
  }
  m_preference = p;
  if (device == m_device && !m_deviceName.isEmpty()) return exact;
  m_device = device;
  m_deviceName = QString::fromStdString(m_backend.describe(device));
  Q_EMIT deviceChanged(m_deviceName);
  return exact;
}

bool ComputeContext::isCudaAvailable() const { return m_backend.cudaAvailable(); }

}  // namespace ds::ui
