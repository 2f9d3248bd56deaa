/** C = A B for row-major n x n float64 matrices (i-k-j loop order keeps the inner loop contiguous). */
export function squareMatMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowC = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      const rowB = k * n;
      for (let j = 0; j < n; j++) c[rowC + j] += aik * b[rowB + j];
    }
  }
  return c;
}
