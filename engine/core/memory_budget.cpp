#include "engine/core/memory_budget.h"

#include <cstdio>
#include <limits>

namespace seqlab {

std::uint64_t add_bytes(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b ? std::numeric_limits<std::uint64_t>::max() : a + b;
}

std::uint64_t mul_bytes(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return std::numeric_limits<std::uint64_t>::max();
  return a * b;
}

std::uint64_t MemoryPlan::total() const {
  std::uint64_t sum = 0;
  for (const auto& item : items) sum = add_bytes(sum, item.bytes);
  for (const auto& item : held) sum = add_bytes(sum, item.bytes);
  return sum;
}

const MemoryItem* MemoryPlan::largest_block() const {
  const MemoryItem* largest = nullptr;
  for (const auto* list : {&items, &held})
    for (const auto& item : *list)
      if (item.largest_block > 0 && (!largest || item.largest_block > largest->largest_block)) largest = &item;
  return largest;
}

bool MemoryPlan::fits() const {
  const MemoryItem* block = largest_block();
  return total() <= kMemoryLimitBytes && (!block || block->largest_block <= kLargestBlockBytes);
}

std::string format_bytes(std::uint64_t bytes) {
  static const char* const kUnits[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 6) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  if (unit == 0 || value >= 10)
    std::snprintf(text, sizeof text, "%.0f %s", value, kUnits[unit]);
  else
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

namespace {

std::string list(const std::vector<MemoryItem>& items) {
  std::string out;
  for (const auto& item : items) {
    if (item.bytes == 0) continue;
    if (!out.empty()) out += ", ";
    out += item.what + " " + format_bytes(item.bytes);
  }
  return out;
}

}  // namespace

std::string MemoryPlan::refusal() const {
  std::string message = subject + " would need " + format_bytes(total()) + " (" + list(items);
  if (!held.empty()) message += "; already loaded: " + list(held);
  message += ")";
  if (total() > kMemoryLimitBytes)
    message += ", more than the " + format_bytes(kMemoryLimitBytes) + " the engine may use (WebAssembly's " +
               format_bytes(kWasmMemoryBytes) + " minus " + format_bytes(kUncountedBytes) +
               " for code, stack and small allocations)";
  const MemoryItem* block = largest_block();
  if (block && block->largest_block > kLargestBlockBytes)
    message += std::string(total() > kMemoryLimitBytes ? "; and" : ", and") + " the largest buffer (" + block->what +
               ") would be " + format_bytes(block->largest_block) + ", more than the " +
               format_bytes(kLargestBlockBytes) + " WebAssembly's allocator gives in one block";
  if (advice.empty()) return message + "; use a shorter text or smaller settings";
  message += "; lower ";
  for (std::size_t i = 0; i < advice.size(); ++i) {
    if (i > 0) message += i + 1 == advice.size() ? " or " : ", ";
    message += advice[i].setting + " (" + std::to_string(advice[i].current) + " -> at most " +
               std::to_string(advice[i].fits) + ")";
  }
  return message;
}

void check_memory(const MemoryPlan& plan) {
  if (!plan.fits()) throw MemoryBudgetError(plan.refusal(), plan.advice);
}

}  // namespace seqlab
