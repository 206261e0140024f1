#pragma once
// The 1-D lesson's control column: the data mixture table, the forward process (schedule, T),
// seed and particle count, the Denoiser box and a status line. Every edit goes into the
// Mixture1DDocument; the controls show the document (also after undo, or when a learned model
// locks the data and schedule). Children are named for tests and scripts (objectName).

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class DenoiserBox;
class Mixture1DDocument;
class MixtureTable;

class Mixture1DControls : public QWidget {
  Q_OBJECT

 public:
  explicit Mixture1DControls(Mixture1DDocument* document, QWidget* parent = nullptr);

  void setStatus(const QString& html);
  QPushButton* resampleButton() const { return m_resample; }

 private:
  QWidget* buildDataBox();
  QWidget* buildProcessBox();
  void connectEdits();
  void showMixture();
  void showSchedule();
  void showSampling();
  void showLock();
  void adoptDenoiserChoice();

  Mixture1DDocument* m_doc;
  MixtureTable* m_table = nullptr;
  QPushButton* m_reset = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_particles = nullptr;
  QPushButton* m_resample = nullptr;
  DenoiserBox* m_denoiser = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ds::ui
