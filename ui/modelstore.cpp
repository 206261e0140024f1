#include "ui/modelstore.h"

#include "core/models/mlp.h"

#include <QCoreApplication>

namespace ds::ui {

ModelStore::ModelStore(QObject* parent) : QObject(parent) {}

ModelStore* ModelStore::instance() {
  // Owned by the application object when there is one, so it dies before Qt shuts down.
  static ModelStore* store = [] {
    auto* s = new ModelStore(QCoreApplication::instance());
    return s;
  }();
  return store;
}

void ModelStore::publish(LearnedModel model) {
  if (!model.model) {
    clear();
    return;
  }
  model.denoiser = model.model;  // MlpDenoiser is a Denoiser
  m_current = std::make_shared<const LearnedModel>(std::move(model));
  ++m_generation;
  Q_EMIT modelChanged();
}

void ModelStore::clear() {
  if (!m_current) return;
  m_current.reset();
  ++m_generation;
  Q_EMIT modelChanged();
}

}  // namespace ds::ui
