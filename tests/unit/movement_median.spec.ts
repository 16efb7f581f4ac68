import { test } from '@japa/runner'
import { MEDIAN_HISTORY, MovementHistory } from '#modules/alerts/services/movement_median'

/** A history newest first: ids descending, the given amounts. */
function history(entries: Array<[number, string]>) {
  return MovementHistory.fromRow(
    entries.map(([id]) => id),
    entries.map(([, amount]) => amount)
  )
}

test.group('Abnormal-movement median', () => {
  test('the middle one, or the mean of the two middle ones, of what came before', ({ assert }) => {
    const latest = history([
      [50, '900.00'],
      [40, '100.00'],
      [30, '300.00'],
      [20, '200.00'],
    ])
    // Before 51: 100, 200, 300, 900 → (200 + 300) / 2.
    assert.equal(latest.medianBefore(51)!.value.toFixed(2), '250.00')
    assert.equal(latest.medianBefore(51)!.count, 4)
    // Before 50 (the journal itself is not its own history): 100, 200, 300 → 200.
    assert.equal(latest.medianBefore(50)!.value.toFixed(2), '200.00')
    assert.equal(latest.medianBefore(50)!.count, 3)
    assert.isNull(latest.medianBefore(20))
  })

  test('exact decimals: no binary rounding in the mean', ({ assert }) => {
    const latest = history([
      [2, '0.20'],
      [1, '0.10'],
    ])
    assert.equal(latest.medianBefore(3)!.value.toFixed(), '0.15')
  })

  test('looks at the latest MEDIAN_HISTORY movements only', ({ assert }) => {
    // Newest first: MEDIAN_HISTORY movements of 10, then an old run of 1,000,000s.
    const entries: Array<[number, string]> = []
    let id = 1000
    for (let i = 0; i < MEDIAN_HISTORY; i++) entries.push([id--, '10'])
    for (let i = 0; i < MEDIAN_HISTORY; i++) entries.push([id--, '1000000'])
    const latest = history(entries)
    assert.equal(latest.medianBefore(2000)!.value.toFixed(), '10')
    assert.equal(latest.medianBefore(2000)!.count, MEDIAN_HISTORY)
    // Before the newest 10 (id 1000), the window slides one step into the old run: still 10.
    assert.equal(latest.medianBefore(1000)!.value.toFixed(), '10')
    // Before id 951, half of the window is the old run: the mean of the middle two.
    assert.equal(latest.medianBefore(951)!.value.toFixed(), '500005')
  })
})
