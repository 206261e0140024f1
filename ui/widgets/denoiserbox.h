#pragma once
// "Denoiser" group of the 1-D and 2-D lessons: run the reverse chain with the exact ε-predictor
// E[ε | x_t] of the mixture, or with the network the Train lesson trained (or loaded) on that
// mixture, shown against the exact one (vector fields, posterior steps, particles). The learned
// choice is offered only for a model that can be compared: same dimension, trained on a Gaussian
// mixture in data coordinates; otherwise the box says why and what to do.

#include "core/gmm.h"

#include <QGroupBox>

#include <memory>

class QComboBox;
class QLabel;

namespace ds::ui {

struct LearnedModel;

class DenoiserBox : public QGroupBox {
  Q_OBJECT

 public:
  explicit DenoiserBox(int dim, QWidget* parent = nullptr);
  ~DenoiserBox() override;

  // Learned mode is chosen and a comparable model is there.
  bool isLearned() const;
  // The comparable model (null when there is none) and the mixture it was trained on.
  std::shared_ptr<const LearnedModel> model() const { return m_model; }
  const GaussianMixture& mixture() const { return m_mixture; }
  // Selects learned (true) or exact (false); learned only takes when a comparable model is there.
  void setLearned(bool on);

  QComboBox* combo() const { return m_combo; }
  QLabel* infoLabel() const { return m_info; }

 Q_SIGNALS:
  // The mode changed (also when the learned model went away or stopped being comparable).
  void changed();
  // A new snapshot of the learned model arrived while learned mode stays on (the Train lesson
  // republishes every few seconds while it trains).
  void modelUpdated();

 private:
  void refresh();

  int m_dim;
  std::shared_ptr<const LearnedModel> m_model;  // comparable model, or null
  GaussianMixture m_mixture;
  QComboBox* m_combo = nullptr;
  QLabel* m_info = nullptr;
};

}  // namespace ds::ui
