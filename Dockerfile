# CPU image: the wasm backend (SIMD) with the project's training kernels.
# GPU variant: build with --build-arg BASE=nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04 and NODE from
# nodesource, and keep optional dependencies (npm installs @tensorflow/tfjs-node-gpu, which
# downloads libtensorflow with CUDA); run with `docker run --gpus all`. genegan picks the GPU
# automatically (GENEGAN_BACKEND=gpu forces it and fails clearly when it is missing).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY models ./models
COPY public ./public
COPY tsconfig.json ./
EXPOSE 8080
USER node
CMD ["node", "bin/genegan.js", "serve", "--port", "8080", "--data", "/tmp/genegan"]
