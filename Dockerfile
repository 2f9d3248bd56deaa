# CPU image: the wasm backend (SIMD) with the project's training kernels.
# GPU variant: build with --build-arg BASE=nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04 and NODE from
# nodesource, and keep optional dependencies (npm installs @tensorflow/tfjs-node-gpu, which
# downloads libtensorflow with CUDA); run with `docker run --gpus all`. genegan picks the GPU
# automatically (GENEGAN_BACKEND=gpu forces it and fails clearly when it is missing).
#
# The container listens on 0.0.0.0, so it is reachable beyond loopback and needs keys
# (docs/service.md "Deploying"):
#   GENEGAN_API_KEYS   "admin:<key>,infer:<key>": admin runs jobs and reads reports; with an infer
#                      key set, image routes and the model list need a key too (else they are
#                      open, limited per address). Without an admin key, job routes answer 403.
#   GENEGAN_KEYS_FILE  a file of scope:key lines instead (e.g. a mounted secret:
#                      -v ./keys:/run/secrets/genegan-keys:ro -e GENEGAN_KEYS_FILE=/run/secrets/genegan-keys)
#   Keys: at least 16 characters, e.g. `openssl rand -hex 32`.
# Node 22 (LTS): Node 20 reached its end of life in April 2026, and dependencies need 22.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
ENV GENEGAN_API_KEYS=""
ENV GENEGAN_KEYS_FILE=""
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY models ./models
COPY public ./public
COPY tsconfig.json ./
EXPOSE 8080
USER node
CMD ["node", "bin/genegan.js", "serve", "--host", "0.0.0.0", "--port", "8080", "--data", "/tmp/genegan"]
