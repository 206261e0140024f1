#pragma once
// Where the GUI's jobs run (DESIGN.md "How data flows"): chosen once from --device, changed from
// the Device menu, read by every lesson when it submits a job (the job gets device() by value).
// CUDA when this LibTorch build and machine have it, else the CPU; asking for CUDA where there is
// none says so and falls back to the CPU, so the program never ends up without a device.

#include <c10/core/Device.h>

#include <QObject>
#include <QString>

#include <functional>
#include <string>

namespace ds::ui {

class ComputeContext : public QObject {
  Q_OBJECT

 public:
  // How preferences become devices. The defaults are core's chooseDevice / cudaAvailable /
  // describeDevice; tests substitute a machine with a GPU.
  struct Backend {
    std::function<c10::Device(const std::string& preference)> choose;  // throws like ds::chooseDevice
    std::function<bool()> cudaAvailable;
    std::function<std::string(const c10::Device&)> describe;
  };

  // Starts on "auto".
  explicit ComputeContext(QObject* parent = nullptr);
  ComputeContext(Backend backend, QObject* parent = nullptr);

  // "auto", "cpu", "cuda" or "cuda:N" (case and spaces ignored).
  static bool isValidPreference(const QString& preference);

  // Chooses the device. True when it is the one asked for; false with *message when it fell back
  // to the CPU (no CUDA, no such GPU) or when `preference` is not a device name (then nothing
  // changes). deviceChanged() is emitted when device() changed.
  bool setPreference(const QString& preference, QString* message = nullptr);
  QString preference() const { return m_preference; }  // as asked for, normalised ("cuda:1")

  c10::Device device() const { return m_device; }
  QString deviceName() const { return m_deviceName; }  // e.g. "CPU (2 threads)", "CUDA:0 NVIDIA H200"
  bool isCudaAvailable() const;

 Q_SIGNALS:
  void deviceChanged(const QString& deviceName);

 private:
  Backend m_backend;
  QString m_preference = QStringLiteral("auto");
  c10::Device m_device{c10::kCPU};
  QString m_deviceName;
};

}  // namespace ds::ui
